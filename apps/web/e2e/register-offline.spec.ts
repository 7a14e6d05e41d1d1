import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { CASHIER, expect, test } from './fixtures';
import { DOCS_DIR, freshRegister, ownerApi, prefixOf, pairBrowser, pinLogin, products, salesOf, scan, sellScreenReady, stockOf } from './register-sell-support';

// The shell must come from the service worker while the server is unreachable.
test.use({ serviceWorkers: 'allow' });

const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

/** A real browser profile on disk: closing and relaunching keeps IndexedDB, cookies and the service worker. */
async function launch(profile: string, baseURL: string, offline: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    ...LAUNCH,
    baseURL,
    offline,
    serviceWorkers: 'allow',
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1366, height: 768 },
  });
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}

async function sellOne(page: Page, code: string): Promise<void> {
  await scan(page, code);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await page.getByTestId('pay').click();
  await page.getByRole('button', { name: /^Passend / }).click();
  await expect(page.getByTestId('paid-view')).toBeVisible();
  await expect(page.getByTestId('paid-sync')).toHaveText('In der Kasse gespeichert, wird gesendet');
  await page.getByTestId('next-sale').click();
  await expect(page.getByTestId('cart-line')).toHaveCount(0);
}

test('offline: 10 sales, reload, 5 more, browser closed and reopened, online → exactly 15 sales on the server', async ({ baseURL }) => {
  test.setTimeout(180_000);
  const api = await ownerApi(baseURL!);
  const catalog = await products(api);
  const name = `Offline ${Date.now().toString(36)}`;
  const registerId = await freshRegister(api, name);
  const croissantFree = catalog.get('SHOP-KEKSE')!; // a branded EAN, no deposit
  const code = croissantFree.barcodes[0]!.code;
  const before = await salesOf(api, registerId);
  const stockBefore = await stockOf(api, croissantFree.id);
  const profile = mkdtempSync(join(tmpdir(), 'opentill-offline-'));

  try {
    let { context, page } = await launch(profile, baseURL!, false);
    await pairBrowser(page, api, name);
    await pinLogin(page, CASHIER.pin);
    // The service worker has installed and controls the page: the shell is cached.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });

    // --- The network goes away ---
    await context.setOffline(true);
    await expect(page.getByTestId('sync-state')).toHaveText('Offline');
    for (let i = 0; i < 10; i++) await sellOne(page, code);
    await expect(page.getByTestId('sync-pending')).toHaveText('10 nicht gesendet');
    await page.screenshot({ path: `${DOCS_DIR}register-offline-de.png` });

    // Logging out would strand them: refused with an explanation.
    await page.getByTestId('user-menu-button').click();
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await expect(page.getByTestId('logout-blocked')).toContainText('10 Vorgänge (Verkäufe, Erstattungen, Kassenbelege) haben den Server noch nicht erreicht');
    await page.getByTestId('logout-blocked').getByRole('button', { name: 'OK', exact: true }).click();
    // Locking would need the server to unlock again: refused offline too, the cashier stays signed in.
    await page.getByTestId('user-menu-button').click();
    await page.getByRole('button', { name: 'Kasse sperren' }).click();
    await expect(page.getByTestId('logout-blocked')).toContainText('Offline nicht möglich');
    await page.getByTestId('logout-blocked').getByRole('button', { name: 'OK', exact: true }).click();

    // --- Reload while still offline: the shell comes from the service worker, the sales from IndexedDB ---
    await page.reload();
    await sellScreenReady(page);
    await expect(page.getByTestId('sync-pending')).toHaveText('10 nicht gesendet');
    for (let i = 0; i < 5; i++) await sellOne(page, code);
    await expect(page.getByTestId('sync-pending')).toHaveText('15 nicht gesendet');
    expect((await salesOf(api, registerId)).length).toBe(before.length);

    // --- The browser is closed and started again (same profile), still offline ---
    await context.close();
    ({ context, page } = await launch(profile, baseURL!, true));
    await page.goto('/register');
    await sellScreenReady(page);
    await expect(page.getByTestId('sync-pending')).toHaveText('15 nicht gesendet');

    // --- Back online: the outbox drains on its own ---
    await context.setOffline(false);
    await expect(page.getByTestId('sync-state')).toHaveText('Online', { timeout: 30_000 });
    await expect(page.getByTestId('sync-pending')).toHaveCount(0, { timeout: 30_000 });
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }

  const after = await salesOf(api, registerId);
  const fresh = after.filter((s) => !before.some((b) => b.id === s.id));
  expect(fresh).toHaveLength(15);
  expect(new Set(fresh.map((s) => s.id)).size).toBe(15);
  // Receipt numbers continue without a gap or a repeat, after whatever the register had before.
  const seqs = fresh.map((s) => s.registerSeq).sort((a, b) => a - b);
  const first = Math.max(0, ...before.map((s) => s.registerSeq)) + 1;
  expect(seqs).toEqual(Array.from({ length: 15 }, (_, i) => first + i));
  for (const s of fresh) expect(s.receiptNo).toBe(`${prefixOf(name)}-${String(s.registerSeq).padStart(6, '0')}`);
  expect(fresh.every((s) => s.total === 399 && s.payments[0]!.tender === 'cash')).toBe(true);
  const report = await api.get<{ ok: boolean; duplicates: unknown[]; missingCount: number }>(`/registers/${registerId}/sequence-report`);
  expect(report).toMatchObject({ ok: true, duplicates: [], missingCount: 0 });
  expect(await stockOf(api, croissantFree.id)).toBe(stockBefore - 15_000);
});
