import { readFileSync, writeFileSync } from 'node:fs';
import type { Config } from './config.js';
import { ensureOrganization } from './demo/seed.js';
import { exportCatalogCsv, importCatalogCsv } from './modules/catalog-import/index.js';
import { systemClock } from './platform/clock.js';
import { systemContext } from './platform/context.js';
import { createDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { AppError } from './platform/errors.js';

/** A one-line progress bar on a terminal; a line per 10 % when piped (CI logs). */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  let lastDecile = -1;
  return (done: number, total: number) => {
    const pct = total === 0 ? 100 : Math.floor((done * 100) / total);
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round((pct * width) / 100);
      stream.write(`\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}%  ${done}/${total} products`);
      if (done >= total) stream.write('\n');
    } else if (Math.floor(pct / 10) !== lastDecile) {
      lastDecile = Math.floor(pct / 10);
      stream.write(`  ${pct}% (${done}/${total} products)\n`);
    }
  };
}

export async function runCatalogCommand(
  config: Config,
  sub: 'import' | 'export',
  values: { file?: string; store?: string; 'dry-run'?: boolean; 'skip-invalid'?: boolean; out?: string },
): Promise<number> {
  const database = createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await migrateToLatest(database);
    const orgId = await ensureOrganization(database.db, systemClock);
    const ctx = systemContext(database.db, systemClock, orgId);
    let storeId = values.store;
    if (!storeId) {
      const stores = await database.db.selectFrom('stores').select(['id', 'name']).where('org_id', '=', orgId).execute();
      if (stores.length !== 1) {
        throw new Error(`--store is required: ${stores.length ? stores.map((s) => `${s.id} (${s.name})`).join(', ') : 'there is no store yet'}`);
      }
      storeId = stores[0]!.id;
    }
    if (sub === 'export') {
      const csv = await exportCatalogCsv(ctx, storeId);
      if (values.out) writeFileSync(values.out, csv);
      else process.stdout.write(csv);
      return 0;
    }
    if (!values.file) throw new Error('catalog import needs a FILE');
    const started = Date.now();
    const report = await importCatalogCsv(ctx, {
      storeId,
      csv: readFileSync(values.file, 'utf8'),
      dryRun: Boolean(values['dry-run']),
      skipInvalid: Boolean(values['skip-invalid']),
      onProgress: progressBar(),
    }).catch((err: unknown) => {
      if (err instanceof AppError) throw new Error(err.message);
      throw err;
    });
    for (const e of report.errors.slice(0, 200)) console.error(`  row ${e.row}, column ${e.column}: ${e.reason}`);
    if (report.errors.length > 200) console.error(`  … and ${report.errors.length - 200} more`);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (report.dryRun) {
      console.log(`Dry run: ${report.total} rows, ${report.valid} valid, ${report.invalid} invalid. Nothing was imported.`);
      return report.errors.length ? 1 : 0;
    }
    if (report.imported === 0 && report.errors.length) {
      console.log(`Nothing imported: ${report.invalid} of ${report.total} rows are invalid (use --skip-invalid to import the rest).`);
      return 1;
    }
    console.log(`Imported ${report.imported} rows in ${secs} s: ${report.created} products created, ${report.updated} updated${report.invalid ? `, ${report.invalid} rows skipped` : ''}.`);
    return 0;
  } finally {
    await database.destroy();
  }
}
