#!/usr/bin/env node
// Stable bin entry (committed, so npm can link it on a fresh clone before anything is built).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('opentill: the server is not built yet; run "npm run build" in the repository first.');
  process.exit(1);
}
await import(cli.href);
