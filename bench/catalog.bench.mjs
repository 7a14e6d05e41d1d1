// Catalog and pricing at 100k products (issue 3), measured in process on embedded SQLite:
//   - pricing a 50-line basket with 5 promotions (packages/core priceBasket)  target < 1 ms
//   - CSV import of 100k products (opentill's importer, one transaction)         target < 15 s
//   - scan lookup latency p50/p99 at 100k products (resolve EAN → product/price) target p99 < 2 ms
//   - full change-feed download of 100k products over HTTP (pages of 5000)      target < 3 s
/* global fetch -- Node 20 global */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { ensureServerBuilt } from './lib/server.mjs';
import { median } from './lib/stats.mjs';
import { productCsv } from './lib/catalog-data.mjs';

export const name = 'catalog';
export const description = 'pricing, 100k-product CSV import, scan lookup and change-feed download (SQLite)';

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export async function run(ctx) {
  await ensureServerBuilt(ctx.root, ctx.log);
  const mod = (p) => import(pathToFileURL(join(ctx.root, p)).href);
  const core = await mod('packages/core/dist/index.js');
  const { createDatabase } = await mod('apps/server/dist/platform/db/database.js');
  const { migrateToLatest } = await mod('apps/server/dist/platform/db/migrate.js');
  const { loadPinPepper } = await mod('apps/server/dist/platform/bootstrap.js');
  const { seedDemo } = await mod('apps/server/dist/demo/seed.js');
  const { systemContext } = await mod('apps/server/dist/platform/context.js');
  const { systemClock } = await mod('apps/server/dist/platform/clock.js');
  const { importCatalogCsv } = await mod('apps/server/dist/modules/catalog-import/index.js');
  const { lookupCode } = await mod('apps/server/dist/modules/catalog/lookup.query.js');
  const { buildApp } = await mod('apps/server/dist/app.js');
  const { parseConfig } = await mod('apps/server/dist/config.js');
  const { createMetrics } = await mod('apps/server/dist/platform/http/metrics.js');
  const { InProcessEventBus } = await mod('apps/server/dist/platform/events/index.js');
  const { simulatedTerminals } = await mod('apps/server/dist/modules/payments/index.js');

  const rows = [];
  const N = ctx.quick ? 10_000 : 100_000;

  // 1. Pricing: median of 20 batches of 200 baskets each.
  const { input, catalog } = core.buildBenchBasket();
  for (let i = 0; i < 500; i++) core.priceBasket(input, catalog);
  const batches = [];
  for (let b = 0; b < (ctx.quick ? 5 : 20); b++) {
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) core.priceBasket(input, catalog);
    batches.push((performance.now() - t0) / 200);
  }
  rows.push({ benchmark: 'price 50-line basket, 5 promotions', metric: 'median per basket', value: median(batches), unit: 'ms', target: '< 1 ms' });

  const dir = mkdtempSync(join(tmpdir(), 'opentill-bench-catalog-'));
  const database = createDatabase({ dataDir: dir });
  let app;
  try {
    await migrateToLatest(database);
    const pepper = await loadPinPepper(database.db);
    await seedDemo(database.db, systemClock, pepper);
    const store = await database.db.selectFrom('stores').selectAll().executeTakeFirstOrThrow();
    const sctx = systemContext(database.db, systemClock, store.org_id);

    // 2. CSV import.
    const { csv, codes } = productCsv(N, core.withCheckDigit);
    ctx.log(`importing ${N} products (${(csv.length / 1e6).toFixed(1)} MB CSV) …`);
    const t0 = performance.now();
    const report = await importCatalogCsv(sctx, { storeId: store.id, csv, dryRun: false, skipInvalid: false });
    const importSec = (performance.now() - t0) / 1000;
    if (report.created !== N || report.errors.length) throw new Error(`import created ${report.created}, errors ${report.errors.length}`);
    rows.push({ benchmark: `CSV import ${N} products`, metric: 'wall time', value: importSec, unit: 's', target: '< 15 s' });
    rows.push({ benchmark: `CSV import ${N} products`, metric: 'throughput', value: N / importSec, unit: 'products/s' });

    // 3. Lookup latency in process: 5,000 random scans after 500 warm-up scans.
    const pick = (i) => codes[(i * 7919) % codes.length];
    for (let i = 0; i < 500; i++) await lookupCode(sctx, store, pick(i));
    const times = [];
    for (let i = 0; i < 5000; i++) {
      const s = performance.now();
      const r = await lookupCode(sctx, store, pick(i + 1000));
      times.push(performance.now() - s);
      if (!r) throw new Error('lookup found nothing');
    }
    times.sort((a, b) => a - b);
    rows.push({ benchmark: `scan lookup at ${N} products`, metric: 'latency p50', value: percentile(times, 50), unit: 'ms' });
    rows.push({ benchmark: `scan lookup at ${N} products`, metric: 'latency p99', value: percentile(times, 99), unit: 'ms', target: 'p99 < 2 ms' });

    // 4. Full change-feed download over real HTTP (loopback), as a register catching up from zero.
    app = await buildApp({
      config: parseConfig({ LOG_LEVEL: 'silent', OPENTILL_WEB_DIR: '/nonexistent' }),
      database,
      clock: systemClock,
      metrics: createMetrics(),
      events: new InProcessEventBus(),
      paymentTerminals: simulatedTerminals(),
      pinPepper: pepper,
      rateLimits: { loginPerMinute: 1000, pinPerMinute: 1000 },
      logger: false,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${app.server.address().port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.com', password: 'opentill-demo' }),
    });
    const { token } = await login.json();
    const runs = [];
    let products = 0;
    for (let round = 0; round < (ctx.quick ? 1 : 3); round++) {
      const start = performance.now();
      let since = 0;
      products = 0;
      for (;;) {
        const res = await fetch(`${base}/api/v1/catalog/changes?storeId=${store.id}&since=${since}&limit=5000`, { headers: { authorization: `Bearer ${token}` } });
        if (!res.ok) throw new Error(`changes: ${res.status} ${await res.text()}`);
        const page = await res.json();
        products += page.changes.filter((c) => c.type === 'product').length;
        if (!page.hasMore) break;
        since = page.nextCursor;
      }
      runs.push((performance.now() - start) / 1000);
    }
    if (products < N) throw new Error(`feed delivered ${products} products, expected ≥ ${N}`);
    rows.push({ benchmark: `change feed, full download (${products} products)`, metric: 'median wall time', value: median(runs), unit: 's', target: '< 3 s' });
  } finally {
    await app?.close();
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
