// The register in a real browser (Debian Chromium, headless) against the built server, 100k products:
//   - first start: empty browser profile → catalog downloaded, stored in IndexedDB, grid ready  target < 10 s
//   - later start: browser closed and started again with the same profile → grid ready         target < 2 s
//   - scan → cart line: keyboard-wedge keystrokes + Enter until the line is in the DOM          target < 50 ms
//   - product grid scrolling through all 100k tiles (virtualised): frame intervals              smooth = ~16.7 ms
/* global fetch, setInterval, clearInterval, document, window, performance, KeyboardEvent, MutationObserver, requestAnimationFrame, localStorage -- Node 20 and in-page globals */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance as nodePerf } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { ensureServerBuilt } from './lib/server.mjs';
import { median } from './lib/stats.mjs';
import { productCsv } from './lib/catalog-data.mjs';

export const name = 'register';
export const description = 'register app in Chromium at 100k products: first/later start, scan-to-line, grid scroll';

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

export async function run(ctx) {
  await ensureServerBuilt(ctx.root, ctx.log);
  const webDir = join(ctx.root, 'apps', 'web', 'dist');
  if (!existsSync(join(webDir, 'index.html'))) {
    ctx.log('apps/web/dist missing: building the web app …');
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: join(ctx.root, 'apps', 'web'), stdio: ['ignore', process.stderr, 'inherit'] });
  }
  const mod = (p) => import(pathToFileURL(join(ctx.root, p)).href);
  const core = await mod('packages/core/dist/index.js');
  const { createDatabase } = await mod('apps/server/dist/platform/db/database.js');
  const { migrateToLatest } = await mod('apps/server/dist/platform/db/migrate.js');
  const { loadPinPepper } = await mod('apps/server/dist/platform/bootstrap.js');
  const { seedDemo } = await mod('apps/server/dist/demo/seed.js');
  const { systemContext } = await mod('apps/server/dist/platform/context.js');
  const { systemClock } = await mod('apps/server/dist/platform/clock.js');
  const { importCatalogCsv } = await mod('apps/server/dist/modules/catalog-import/index.js');
  const { buildApp } = await mod('apps/server/dist/app.js');
  const { parseConfig } = await mod('apps/server/dist/config.js');
  const { createMetrics } = await mod('apps/server/dist/platform/http/metrics.js');
  const { InProcessEventBus } = await mod('apps/server/dist/platform/events/index.js');
  const { simulatedTerminals } = await mod('apps/server/dist/modules/payments/index.js');
  const { chromium } = await import('@playwright/test');

  const N = Number(process.env.OPENTILL_BENCH_PRODUCTS) || (ctx.quick ? 10_000 : 100_000);
  const rows = [];
  const dir = mkdtempSync(join(tmpdir(), 'opentill-bench-register-'));
  const profile = mkdtempSync(join(tmpdir(), 'opentill-bench-profile-'));
  const database = createDatabase({ dataDir: dir });
  let app;
  let context;
  try {
    await migrateToLatest(database);
    const pepper = await loadPinPepper(database.db);
    await seedDemo(database.db, systemClock, pepper);
    const store = await database.db.selectFrom('stores').selectAll().executeTakeFirstOrThrow();
    const { csv, codes } = productCsv(N, core.withCheckDigit);
    ctx.log(`importing ${N} products …`);
    const report = await importCatalogCsv(systemContext(database.db, systemClock, store.org_id), { storeId: store.id, csv, dryRun: false, skipInvalid: false });
    if (report.created !== N) throw new Error(`import created ${report.created}`);

    app = await buildApp({
      config: parseConfig({ LOG_LEVEL: 'silent', OPENTILL_WEB_DIR: webDir, OPENTILL_PIN_RATE_LIMIT: '1000' }),
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
    const json = { 'content-type': 'application/json' };
    const { token } = await (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'owner@example.com', password: 'opentill-demo' }) })).json();
    const auth = { ...json, authorization: `Bearer ${token}` };
    const register = await database.db.selectFrom('registers').select('id').where('name', '=', 'Kasse 1').executeTakeFirstOrThrow();
    await fetch(`${base}/api/v1/registers/${register.id}/shifts`, { method: 'POST', headers: auth, body: JSON.stringify({ id: core.uuidv7(), openingFloat: 10_000 }) });
    const { code } = await (await fetch(`${base}/api/v1/registers/${register.id}/pairing-codes`, { method: 'POST', headers: { authorization: auth.authorization } })).json();
    const { deviceToken } = await (await fetch(`${base}/api/v1/devices/pair`, { method: 'POST', headers: json, body: JSON.stringify({ code }) })).json();

    const launch = () => chromium.launchPersistentContext(profile, { ...LAUNCH, baseURL: base, viewport: { width: 1366, height: 768 }, locale: 'de-DE', serviceWorkers: 'allow' });
    const ready = (page) => page.waitForFunction(() => document.querySelector('[data-testid="product-tile"]') && !document.querySelector('[data-testid="catalog-loading"]'), undefined, { timeout: 120_000, polling: 50 });

    // --- 1. First start: nothing cached in the browser yet ---
    context = await launch();
    await context.addInitScript((t) => localStorage.setItem('opentill.deviceToken', t), deviceToken);
    let page = context.pages()[0] ?? (await context.newPage());
    const pin = await page.request.post(`${base}/api/v1/auth/pin-login`, { headers: { 'x-device-token': deviceToken }, data: { pin: '1234' } });
    if (!pin.ok()) throw new Error(`pin-login ${pin.status()} ${await pin.text()}`);
    let t0 = nodePerf.now();
    await page.goto('/register');
    const progress = setInterval(() => {
      page.evaluate(() => document.querySelector('[data-testid="catalog-loading"]')?.textContent ?? 'ready').then((txt) => ctx.log(`  ${((nodePerf.now() - t0) / 1000).toFixed(1)} s: ${txt}`), () => {});
    }, 2000);
    await ready(page).finally(() => clearInterval(progress));
    const first = (nodePerf.now() - t0) / 1000;
    rows.push({ benchmark: `register first start, ${N} products`, metric: 'page load → catalog in IndexedDB, grid ready', value: first, unit: 's', target: '< 10 s' });

    // --- 2. Scan → cart line, in the page (keydown events as a wedge scanner sends them) ---
    const scanCodes = Array.from({ length: ctx.quick ? 20 : 100 }, (_, i) => codes[(i * 7919 + 13) % codes.length]);
    const scanTimes = await page.evaluate(async (list) => {
      const out = [];
      const lines = () => document.querySelectorAll('[data-testid="cart-line"]').length;
      for (const c of list) {
        const before = lines();
        const done = new Promise((resolve) => {
          const mo = new MutationObserver(() => {
            if (lines() > before) {
              mo.disconnect();
              resolve(performance.now());
            }
          });
          mo.observe(document.body, { childList: true, subtree: true });
        });
        const start = performance.now();
        for (const ch of c) window.dispatchEvent(new KeyboardEvent('keydown', { key: ch, bubbles: true }));
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        out.push((await done) - start);
        await new Promise((r) => requestAnimationFrame(() => r()));
      }
      return out;
    }, scanCodes);
    rows.push({ benchmark: `scan → cart line, ${N} products`, metric: 'median', value: median(scanTimes), unit: 'ms', target: '< 50 ms' });
    rows.push({ benchmark: `scan → cart line, ${N} products`, metric: 'p95 (cart grows to 100 lines)', value: pct(scanTimes, 95), unit: 'ms' });

    // --- 3. Grid scroll through all products (the "Alle" tab), frame intervals ---
    await page.getByRole('tab', { name: 'Alle' }).click();
    const frames = await page.evaluate(async () => {
      const grid = document.querySelector('[data-testid="product-grid"]');
      const out = [];
      let last = performance.now();
      const end = last + 3000;
      while (performance.now() < end) {
        grid.scrollTop += 240; // ~2 rows per frame: a fast fling
        await new Promise((r) => requestAnimationFrame(() => r()));
        const now = performance.now();
        out.push(now - last);
        last = now;
      }
      return { intervals: out, tiles: document.querySelectorAll('[data-testid="product-tile"]').length, rows: grid.scrollHeight / 104 };
    });
    rows.push({ benchmark: `grid scroll, ${N} products (${Math.round(frames.rows)} rows, ${frames.tiles} tiles in DOM)`, metric: 'median frame interval', value: median(frames.intervals), unit: 'ms', target: '≈ 16.7 ms' });
    rows.push({ benchmark: `grid scroll, ${N} products`, metric: 'p95 frame interval', value: pct(frames.intervals, 95), unit: 'ms' });
    rows.push({ benchmark: `grid scroll, ${N} products`, metric: 'frames > 50 ms', value: (100 * frames.intervals.filter((f) => f > 50).length) / frames.intervals.length, unit: '%' });
    await context.close();

    // --- 4. Later start: the browser is started again on the same profile ---
    const later = [];
    for (let i = 0; i < (ctx.quick ? 1 : 3); i++) {
      context = await launch();
      page = context.pages()[0] ?? (await context.newPage());
      t0 = nodePerf.now();
      await page.goto('/register');
      await ready(page);
      later.push((nodePerf.now() - t0) / 1000);
      await context.close();
    }
    context = undefined;
    rows.push({ benchmark: `register later start, ${N} products`, metric: 'median page load → grid ready (from IndexedDB)', value: median(later), unit: 's', target: '< 2 s' });
  } finally {
    await context?.close().catch(() => {});
    await app?.close();
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
  return rows;
}
