// Shift reports at scale (issue 4), measured in process on embedded SQLite:
//   - X report of a 10k-sale shift (reads shift_totals only)                 target < 200 ms
//   - Z report of a 10k-sale shift: close (lock, Z number, journal, audit)    target < 200 ms
// The shift's totals are built the way the sales engine builds them: one addShiftTotals call per
// sale (≈ 8 keys), 100 sales per transaction.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { ensureServerBuilt } from './lib/server.mjs';
import { median } from './lib/stats.mjs';

export const name = 'checkout-shift';
export const description = 'X and Z report of a 10k-sale shift (SQLite, in process)';


export async function run(ctx) {
  await ensureServerBuilt(ctx.root, ctx.log);
  const mod = (p) => import(pathToFileURL(join(ctx.root, p)).href);
  const { createDatabase } = await mod('apps/server/dist/platform/db/database.js');
  const { migrateToLatest } = await mod('apps/server/dist/platform/db/migrate.js');
  const { loadPinPepper } = await mod('apps/server/dist/platform/bootstrap.js');
  const { seedDemo } = await mod('apps/server/dist/demo/seed.js');
  const { systemContext, inTransaction } = await mod('apps/server/dist/platform/context.js');
  const { systemClock } = await mod('apps/server/dist/platform/clock.js');
  const { InProcessEventBus } = await mod('apps/server/dist/platform/events/index.js');
  const shifts = await mod('apps/server/dist/modules/shifts/index.js');
  const { randomUUID } = await import('node:crypto');

  const SALES = 10_000;
  const rows = [];
  const dir = mkdtempSync(join(tmpdir(), 'opentill-bench-shift-'));
  const database = createDatabase({ dataDir: dir });
  try {
    await migrateToLatest(database);
    await seedDemo(database.db, systemClock, await loadPinPepper(database.db));
    const store = await database.db.selectFrom('stores').selectAll().executeTakeFirstOrThrow();
    const register = await database.db.selectFrom('registers').selectAll().where('store_id', '=', store.id).executeTakeFirstOrThrow();
    const sctx = { ...systemContext(database.db, systemClock, store.org_id), events: new InProcessEventBus() };
    const shiftId = randomUUID();
    await shifts.openShift(sctx, register.id, { id: shiftId, openingFloat: 20_000 });

    ctx.log(`recording ${SALES} sales' totals …`);
    const t0 = performance.now();
    for (let start = 0; start < SALES; start += 100) {
      await inTransaction(sctx, async (tx) => {
        for (let i = start; i < start + 100; i++) {
          const total = 100 + ((i * 37) % 4900);
          const cash = i % 3 !== 0;
          const given = cash ? Math.ceil(total / 500) * 500 : total;
          const seven = Math.floor(total / 3);
          await shifts.addShiftTotals(tx, shiftId, [
            { key: 'sales', amount: total },
            { key: cash ? 'tender:cash' : 'tender:card', amount: given },
            ...(cash ? [{ key: 'change', amount: given - total }] : []),
            { key: 'tax:700:gross', amount: seven },
            { key: 'tax:700:tax', amount: Math.round((seven * 7) / 107) },
            { key: 'tax:1900:gross', amount: total - seven },
            { key: 'tax:1900:tax', amount: Math.round(((total - seven) * 19) / 119) },
            { key: `cashier:c${i % 4}`, amount: total },
          ]);
        }
      });
    }
    rows.push({ benchmark: `shift totals for ${SALES} sales (100 per transaction)`, metric: 'wall time', value: (performance.now() - t0) / 1000, unit: 's' });

    const xs = [];
    for (let i = 0; i < (ctx.quick ? 5 : 50); i++) {
      const t = performance.now();
      const x = await shifts.xReport(sctx, shiftId);
      xs.push(performance.now() - t);
      if (x.sales.count !== SALES) throw new Error(`X report counted ${x.sales.count} sales`);
    }
    rows.push({ benchmark: `X report of a ${SALES}-sale shift`, metric: 'median', value: median(xs), unit: 'ms', target: '< 200 ms' });

    const t1 = performance.now();
    const z = await shifts.closeShift(sctx, shiftId, { countedCash: 0 });
    const closeMs = performance.now() - t1;
    if (z.zNumber !== 1 || z.sales.count !== SALES) throw new Error(`Z report wrong: ${JSON.stringify(z).slice(0, 200)}`);
    rows.push({ benchmark: `Z report of a ${SALES}-sale shift`, metric: 'close + report', value: closeMs, unit: 'ms', target: '< 200 ms' });
  } finally {
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
