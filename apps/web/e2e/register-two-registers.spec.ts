import type { Browser, Page } from '@playwright/test';
import { CASHIER, expect, test } from './fixtures';
import { freshRegister, ownerApi, prefixOf, pairBrowser, pinLogin, products, salesOf, scan, stockOf, type Api } from './register-sell-support';

const MANAGER_PIN = '9999';

async function register(browser: Browser, baseURL: string, api: Api, name: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 1024, height: 768 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await pairBrowser(page, api, name);
  await pinLogin(page, CASHIER.pin);
  return page;
}

async function payExact(page: Page): Promise<string> {
  await page.getByTestId('pay').click();
  await page.getByRole('button', { name: /^Passend / }).click();
  await expect(page.getByTestId('paid-sync')).toHaveText('Auf dem Server erfasst');
  const receipt = (await page.getByTestId('receipt-no').textContent()) ?? '';
  await page.getByTestId('next-sale').click();
  return receipt;
}

test('two registers sell the same item at once, a manager approves a price, a parked sale moves to the other register', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const api = await ownerApi(baseURL!);
  const catalog = await products(api);
  const suffix = Date.now().toString(36);
  const [n1, n2] = [`Theke ${suffix}`, `Fenster ${suffix}`];
  const k1 = await freshRegister(api, n1);
  const k2 = await freshRegister(api, n2);
  const mug = catalog.get('SHOP-BECHER')!;
  const honey = catalog.get('FK-HONIG')!;
  const before1 = await salesOf(api, k1);
  const before2 = await salesOf(api, k2);
  const mugStock = await stockOf(api, mug.id);
  const [p1, p2] = await Promise.all([register(browser, baseURL!, api, n1), register(browser, baseURL!, api, n2)]);

  // --- The same mug on both registers at the same moment ---
  await Promise.all([scan(p1, mug.barcodes[0]!.code), scan(p2, mug.barcodes[0]!.code)]);
  await expect(p1.getByTestId('cart-line')).toHaveCount(1);
  await expect(p2.getByTestId('cart-line')).toHaveCount(1);
  const [r1, r2] = await Promise.all([payExact(p1), payExact(p2)]);
  expect(r1).toBe(`${prefixOf(n1)}-000001`);
  expect(r2).toBe(`${prefixOf(n2)}-000001`);
  expect(await stockOf(api, mug.id)).toBe(mugStock - 2000);

  // --- A price override on the first register, approved with the manager's PIN ---
  await scan(p1, honey.barcodes[0]!.code);
  await p1.getByTestId('cart-line').first().getByRole('button', { name: /ändern$/ }).click();
  await p1.getByRole('button', { name: 'Preis ändern' }).click();
  await p1.getByLabel('Neuer Einzelpreis').fill('7,50');
  await p1.getByRole('button', { name: 'OK', exact: true }).click();
  const approval = p1.getByTestId('manager-approval');
  await expect(approval).toBeVisible();
  await expect(p1.getByTestId('approval-reason')).toContainText('7,50 €');
  for (const digit of MANAGER_PIN) await approval.getByRole('button', { name: digit, exact: true }).click();
  await approval.getByRole('button', { name: 'OK', exact: true }).click();
  await expect(approval).toHaveCount(0);
  await p1.getByRole('button', { name: 'Fertig' }).click();
  await expect(p1.getByTestId('cart-line').first()).toContainText('Preis geändert');
  await expect(p1.getByTestId('cart-total')).toHaveText('7,50 €');
  await payExact(p1);

  // --- Parked on the first register, resumed and paid on the second ---
  await scan(p1, mug.barcodes[0]!.code);
  await scan(p1, honey.barcodes[0]!.code);
  await expect(p1.getByTestId('cart-line')).toHaveCount(2);
  await p1.keyboard.press('F8');
  await expect(p1.getByTestId('sell-notice')).toHaveText('Verkauf geparkt — an jeder Kasse fortsetzbar.');
  await expect(p1.getByTestId('cart-line')).toHaveCount(0);
  await p2.getByRole('button', { name: 'Geparkt (F9)' }).click();
  const parked = p2.getByTestId('parked-item').filter({ hasText: n1 }).first();
  await expect(parked).toContainText('23,80 €');
  await parked.click();
  await expect(p2.getByTestId('cart-line')).toHaveCount(2);
  await expect(p2.getByTestId('cart-total')).toHaveText('23,80 €');
  // Split tender: a 10 € voucher, the rest in cash.
  await p2.getByTestId('pay').click();
  await p2.getByRole('button', { name: 'Gutschein' }).click();
  await p2.getByLabel('Gutscheincode').fill('GS-2026-0042');
  await p2.getByRole('button', { name: 'OK', exact: true }).click();
  await p2.getByLabel('Mit dem Gutschein bezahlter Betrag').fill('10,00');
  await p2.getByRole('button', { name: 'OK', exact: true }).click();
  await expect(p2.getByTestId('amount-due')).toHaveText('13,80 €');
  await p2.getByRole('button', { name: '20,00 €', exact: true }).click();
  await expect(p2.getByTestId('change-due')).toHaveText('6,20 €');
  await expect(p2.getByTestId('paid-sync')).toHaveText('Auf dem Server erfasst');
  await p2.getByTestId('next-sale').click();

  const new1 = (await salesOf(api, k1)).filter((s) => !before1.some((b) => b.id === s.id));
  const new2 = (await salesOf(api, k2)).filter((s) => !before2.some((b) => b.id === s.id));
  expect(new1.map((s) => s.total).sort()).toEqual([1490, 750].sort());
  const overridden = new1.find((s) => s.total === 750)!;
  expect(overridden.lines[0]).toMatchObject({ productId: honey.id, unitPrice: 750, priceOverrideBy: expect.any(String) });
  expect(new2.map((s) => s.total).sort()).toEqual([1490, 2380].sort());
  const split = new2.find((s) => s.total === 2380)!;
  expect(split.payments.map((p) => [p.tender, p.amount]).sort()).toEqual([['cash', 1380], ['voucher', 1000]]);
  expect(await stockOf(api, mug.id)).toBe(mugStock - 3000);
  // Each device continued its register's numbering after whatever earlier devices had used.
  for (const id of [k1, k2]) {
    expect(await api.get(`/registers/${id}/sequence-report`)).toMatchObject({ ok: true, duplicates: [], missingCount: 0 });
  }

  // A catalog change in the back office reaches an open register by itself (SSE hint → change feed).
  const card = catalog.get('SHOP-POSTKARTE')!;
  const renamed = await fetch(`${api.base}/api/v1/catalog/products/${card.id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Postkarte Kreuzberg' }),
  });
  expect(renamed.status).toBe(200);
  await p1.getByRole('searchbox', { name: 'Artikel suchen' }).fill('Postkarte');
  await expect(p1.getByTestId('product-tile').first()).toContainText('Postkarte Kreuzberg');
  await Promise.all([p1.context().close(), p2.context().close()]);
});
