import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The server under test is apps/server/dist, which serves apps/web/dist. The web build is
 * cheap (~2 s), so rebuild it to test the current source; the server must already be built.
 */
export default function globalSetup(): void {
  if (!existsSync(`${repoRoot}apps/server/dist/cli.js`)) {
    throw new Error('apps/server/dist/cli.js is missing — run `npm run build -w apps/server` first.');
  }
  if (process.env.OPENTILL_E2E_SKIP_WEB_BUILD !== '1') {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
      cwd: `${repoRoot}apps/web`,
      stdio: 'inherit',
    });
  }
}
