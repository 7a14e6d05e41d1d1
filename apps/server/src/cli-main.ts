import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseConfig, type Config } from './config.js';
import { runCatalogCommand } from './cli-catalog.js';
import { runJournalCommand } from './cli-journal.js';
import { runCertCommand, runMigrate, runSeed, runServe, runUserCommand } from './cli-commands.js';

const HELP: Record<string, string> = {
  main: `opentill — open-source point of sale

Usage: opentill <command> [options]

Commands:
  serve                 Start the server (migrates the database first unless --no-migrate)
  migrate               Apply pending database migrations and exit
  seed --demo           Add the demo store, registers and staff to an empty database
  user create           Create a staff account
  user reset-password   Set a new password for a staff account
  cert                  Create a local CA and a server certificate for HTTPS on a shop LAN
  catalog import FILE   Import products from CSV (dry run, skip invalid rows)
  catalog export        Write the catalog with a store's prices as CSV
  journal verify        Check the fiscal journal hash chain of every store (or --store ID)

Run "opentill <command> --help" for the options of a command.
Configuration comes from environment variables (see README): PORT, OPENTILL_DATA_DIR, DATABASE_URL, LOG_LEVEL, ...`,
  serve: `Usage: opentill serve [--port N] [--host H] [--data-dir DIR] [--database-url URL] [--no-migrate] [--demo]

  --port N            Port to listen on (env PORT, default 3000)
  --host H            Interface to bind (env HOST, default 0.0.0.0)
  --data-dir DIR      Folder for the embedded SQLite database (env OPENTILL_DATA_DIR, default ./data)
  --database-url URL  PostgreSQL instead of SQLite (env DATABASE_URL)
  --no-migrate        Refuse to start if migrations are pending instead of applying them
  --demo              Seed demo data first if the database is empty (npm start does this)`,
  migrate: `Usage: opentill migrate [--data-dir DIR] [--database-url URL]\n\nApplies every pending migration (forward-only) and exits.`,
  seed: `Usage: opentill seed --demo [--data-dir DIR] [--database-url URL]\n\nCreates "Demo Store Berlin" with registers, an owner and two PIN users. Only into an empty database.`,
  user: `Usage:
  opentill user create --email E --name N --role owner|admin|manager|cashier [--password P] [--pin 1234] [--store STORE_ID]...
  opentill user reset-password --email E [--password P]

Without --password the password is read from the OPENTILL_PASSWORD environment variable.`,
  catalog: `Usage:
  opentill catalog import FILE [--store STORE_ID] [--dry-run] [--skip-invalid]
  opentill catalog export [--store STORE_ID] [--out FILE]

Columns: sku, name, price, tax_class (required), unit, category, barcodes, cost_price, variant_sku,
variant_options, description, status, deposit_sku (see README "Catalog import"). Nothing is imported
if any row is invalid, unless --skip-invalid. --store may be left out when there is only one store.`,
  journal: `Usage: opentill journal verify [--store STORE_ID] [--data-dir DIR] [--database-url URL]

Re-computes the hash chain of each store's journal (every sale, refund, cash movement, shift open and
close, no-sale). Exits 0 when every chain is intact, 1 naming the first broken entry: its sequence
number and why (hash_mismatch: the entry was changed; prev_hash_mismatch: the chain was re-linked;
gap: an entry is missing).`,
  cert: `Usage: opentill cert [--out DIR] [--host NAME]... [--days N]

Creates (or reuses) a local certificate authority and a server certificate for this machine's names and
LAN addresses. Install ca.crt on each register device, then start the server with
OPENTILL_TLS_CERT=DIR/server.crt OPENTILL_TLS_KEY=DIR/server.key.`,
};

const COMMON = {
  help: { type: 'boolean', short: 'h' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export class UsageError extends Error {}

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...COMMON, ...options }, strict: true, allowPositionals: false });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function configFrom(values: Record<string, unknown>): Config {
  const env = { ...process.env };
  if (typeof values['data-dir'] === 'string') env.OPENTILL_DATA_DIR = values['data-dir'];
  if (typeof values['database-url'] === 'string') env.DATABASE_URL = values['database-url'];
  if (typeof values.port === 'string') env.PORT = values.port;
  if (typeof values.host === 'string') env.HOST = values.host;
  return parseConfig(env);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP.main);
    return command ? 0 : 1;
  }
  switch (command) {
    case 'serve': {
      const { values } = parse(rest, { port: { type: 'string' }, host: { type: 'string' }, 'no-migrate': { type: 'boolean' }, demo: { type: 'boolean' } });
      if (values.help) return console.log(HELP.serve), 0;
      const config = configFrom(values);
      return runServe(config, { migrate: !values['no-migrate'] && config.autoMigrate, demo: Boolean(values.demo) });
    }
    case 'migrate': {
      const { values } = parse(rest, {});
      if (values.help) return console.log(HELP.migrate), 0;
      return runMigrate(configFrom(values));
    }
    case 'seed': {
      const { values } = parse(rest, { demo: { type: 'boolean' } });
      if (values.help) return console.log(HELP.seed), 0;
      if (!values.demo) throw new UsageError('seed needs --demo (the only seed there is)');
      return runSeed(configFrom(values));
    }
    case 'user': {
      const [sub, ...args] = rest;
      if (!sub || sub === '--help' || sub === '-h') return console.log(HELP.user), sub ? 0 : 1;
      const { values } = parse(args, {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        password: { type: 'string' },
        pin: { type: 'string' },
        store: { type: 'string', multiple: true },
      });
      if (values.help) return console.log(HELP.user), 0;
      if (sub !== 'create' && sub !== 'reset-password') throw new UsageError(`unknown user command "${sub}" (create, reset-password)`);
      return runUserCommand(configFrom(values), sub, values);
    }
    case 'catalog': {
      const [sub, ...args] = rest;
      if (!sub || sub === '--help' || sub === '-h') return console.log(HELP.catalog), sub ? 0 : 1;
      if (sub !== 'import' && sub !== 'export') throw new UsageError(`unknown catalog command "${sub}" (import, export)`);
      let parsed;
      try {
        parsed = parseArgs({
          args,
          options: { ...COMMON, store: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'skip-invalid': { type: 'boolean' }, out: { type: 'string' } },
          strict: true,
          allowPositionals: sub === 'import',
        });
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      if (parsed.values.help) return console.log(HELP.catalog), 0;
      if (sub === 'import' && parsed.positionals.length !== 1) throw new UsageError('catalog import needs exactly one FILE');
      return runCatalogCommand(configFrom(parsed.values), sub, { ...parsed.values, file: parsed.positionals[0] });
    }
    case 'journal': {
      const [sub, ...args] = rest;
      if (!sub || sub === '--help' || sub === '-h') return console.log(HELP.journal), sub ? 0 : 1;
      if (sub !== 'verify') throw new UsageError(`unknown journal command "${sub}" (verify)`);
      const { values } = parse(args, { store: { type: 'string' } });
      if (values.help) return console.log(HELP.journal), 0;
      return runJournalCommand(configFrom(values), sub, values);
    }
    case 'cert': {
      const { values } = parse(rest, { out: { type: 'string' }, host: { type: 'string', multiple: true }, days: { type: 'string' } });
      if (values.help) return console.log(HELP.cert), 0;
      return runCertCommand(configFrom(values), values);
    }
    default:
      throw new UsageError(`unknown command "${command}"; run "opentill --help"`);
  }
}

