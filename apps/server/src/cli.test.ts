import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main, UsageError } from './cli-main.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cliSource = path.join(root, 'apps/server/src/cli.ts');
const dirs: string[] = [];

function tempDir() {
  const d = mkdtempSync(path.join(tmpdir(), 'opentill-cli-'));
  dirs.push(d);
  return d;
}

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', cliSource, ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('opentill CLI [sqlite]', () => {
  it('prints help for every command', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    for (const cmd of [['--help'], ['serve', '--help'], ['migrate', '--help'], ['seed', '--help'], ['user', '--help'], ['cert', '--help']]) {
      log.mockClear();
      expect(await main(cmd), cmd.join(' ')).toBe(0);
      expect(String(log.mock.calls[0]?.[0])).toMatch(/Usage/);
    }
    log.mockRestore();
  });

  it('refuses unknown commands and flags with a clear message', async () => {
    await expect(main(['serve', '--prot', '80'])).rejects.toThrow(UsageError);
    await expect(main(['serve', '--prot', '80'])).rejects.toThrow(/Unknown option '--prot'/);
    await expect(main(['launch'])).rejects.toThrow(/unknown command "launch"/);
    await expect(main(['seed'])).rejects.toThrow(/--demo/);
  });

  it('exits with code 2 on a usage error', () => {
    const bad = cli(['serve', '--prot', '80']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/Unknown option '--prot'/);
  });

  it('stops with a clear message on bad configuration', () => {
    const r = cli(['migrate'], { PORT: 'abc' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Invalid configuration:\n\s+PORT/);
  });

  it('migrates, creates users, seeds demo data only into an empty database', async () => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((m: unknown) => void out.push(String(m)));
    const run = async (args: string[]) => {
      out.length = 0;
      const code = await main(args);
      return { code, out: out.join('\n') };
    };
    const dir = tempDir();
    expect((await run(['migrate', '--data-dir', dir])).out).toMatch(/Applied \d+ migration/);
    expect((await run(['migrate', '--data-dir', dir])).out).toMatch(/up to date/);
    const created = await run(['user', 'create', '--data-dir', dir, '--email', 'Boss@Shop.de', '--name', 'Boss', '--role', 'owner', '--password', 'a-long-password']);
    expect(created.out).toMatch(/Created owner Boss <boss@shop.de>/);
    await expect(
      main(['user', 'create', '--data-dir', dir, '--email', 'boss@shop.de', '--name', 'Boss 2', '--role', 'owner', '--password', 'a-long-password']),
    ).rejects.toThrow(/already in use/);
    await expect(main(['user', 'create', '--data-dir', dir, '--name', 'X', '--role', 'wizard'])).rejects.toThrow(/--role must be one of/);
    process.env.OPENTILL_PASSWORD = 'another-long-one';
    expect((await run(['user', 'reset-password', '--data-dir', dir, '--email', 'boss@shop.de'])).code).toBe(0);
    delete process.env.OPENTILL_PASSWORD;
    const seed = await run(['seed', '--demo', '--data-dir', dir]);
    expect(seed.code).toBe(1);
    expect(seed.out).toMatch(/already has users/);
    expect((await run(['seed', '--demo', '--data-dir', tempDir()])).out).toMatch(/Demo data created/);
    log.mockRestore();
  });

  it('imports a product CSV with a dry run, refuses bad rows unless --skip-invalid, and exports', async () => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((m: unknown) => void out.push(String(m)));
    const err = vi.spyOn(console, 'error').mockImplementation((m: unknown) => void out.push(String(m)));
    const progress = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const dir = tempDir();
    await main(['seed', '--demo', '--data-dir', dir]);
    const file = path.join(dir, 'products.csv');
    writeFileSync(file, 'sku,name,price,tax_class\nCLI-1,Franzbrötchen,2.10,reduced\nCLI-2,Kaffee,abc,standard\n');
    out.length = 0;
    expect(await main(['catalog', 'import', file, '--dry-run', '--data-dir', dir])).toBe(1);
    expect(out.join('\n')).toMatch(/row 3, column price/);
    expect(out.join('\n')).toMatch(/Dry run: 2 rows, 1 valid, 1 invalid/);
    expect(await main(['catalog', 'import', file, '--data-dir', dir])).toBe(1);
    out.length = 0;
    expect(await main(['catalog', 'import', file, '--skip-invalid', '--data-dir', dir])).toBe(0);
    expect(out.join('\n')).toMatch(/Imported 1 rows .*1 products created, 0 updated, 1 rows skipped/);
    const exported = path.join(dir, 'export.csv');
    expect(await main(['catalog', 'export', '--out', exported, '--data-dir', dir])).toBe(0);
    expect(readFileSync(exported, 'utf8')).toContain('CLI-1,Franzbrötchen,2.10,reduced');
    await expect(main(['catalog', 'import', '--data-dir', dir])).rejects.toThrow(/exactly one FILE/);
    log.mockRestore();
    err.mockRestore();
    progress.mockRestore();
  });

  it('serves without demo data unless asked, and shuts down gracefully on SIGTERM', async () => {
    const dir = tempDir();
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', cliSource, 'serve', '--port', String(port), '--host', '127.0.0.1', '--data-dir', dir], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let ready = false;
    for (let i = 0; i < 100 && !ready; i++) {
      await new Promise((r) => setTimeout(r, 200));
      ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    }
    expect(ready).toBe(true);
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.com', password: 'opentill-demo' }),
    });
    expect(login.status).toBe(401);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
