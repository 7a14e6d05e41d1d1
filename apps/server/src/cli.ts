#!/usr/bin/env node
import { ConfigError } from './config.js';
import { main, UsageError } from './cli-main.js';

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) console.error(`opentill: ${err.message}\nRun "opentill --help" for usage.`);
    else if (err instanceof ConfigError) console.error(err.message);
    else console.error(`opentill: ${(err as Error).message ?? String(err)}`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
