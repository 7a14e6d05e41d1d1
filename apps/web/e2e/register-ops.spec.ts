import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { CASHIER, OWNER, expect, newDevice, shot, test } from './fixtures';

const DOCS = fileURLToPath(new URL('../../../docs/', import.meta.url));
const MANAGER_PIN = '9999';

/** Bearer-token calls for setup and for checking what the server holds. */
async function ownerApi(baseURL: string) {
  const login = await fetch(`${baseURL}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(OWNER) });
  expect(login.status).toBe(200);
  const { token } = (await login.json()) as { token: string };
  const call = async <T>(method: string, path: string, body?: unknown, expected = [200, 201]): Promise<T> => {
    const res = await fetch(`${baseURL}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!expected.includes(res.status)) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { get: <T>(path: string) => call<T>('GET', path), post: <T>(path: string, body?: unknown) => call<T>('POST', path, body) };
}

/** Formats cents as the UI does (from a decimal string, no float step), to compare with the server's numbers. */
function euro(cents: number, locale: string): string {
  const abs = Math.abs(cents);
  const decimal = `${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(decimal as Intl.StringNumericLiteral);
}

async function openOps(page: Page, tab: RegExp) {
  await page.getByTestId('register-ops-button').click();
  const panel = page.getByTestId('register-ops');
  await expect(panel).toBeVisible();
  // The tab comes first; the shift summary repeats some of them as big buttons.
  await panel.getByRole('button', { name: tab }).first().click();
  return panel;
}

/** Fills the drawer count: 3 × 50 €, 1 × 20 €, 3 × 2 €, 1 × 0.50 € = 176.50 €. */
async function fillCount(page: Page) {
  for (const [denomination, pieces] of [
    [5000, '3'],
    [2000, '1'],
    [200, '3'],
    [50, '1'],
  ] as const) {
    await page.getByTestId(`denomination-${denomination}`).getByRole('textbox').fill(pieces);
  }
}
const COUNTED = 17_650;

test('cashier opens a shift, pays in, refunds with a manager PIN and closes with over/short', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const api = await ownerApi(baseURL!);

  // --- Setup through the API: a register of its own, paired, and a product to sell ---
  const store = (await api.get<{ items: { id: string }[] }>('/stores')).items[0]!;
  const register = await api.post<{ id: string }>(`/stores/${store.id}/registers`, { name: 'Kasse Ops' });
  const { code } = await api.post<{ code: string }>(`/registers/${register.id}/pairing-codes`);
  const product = (await api.get<{ items: { id: string }[] }>(`/catalog/products?q=BROT-ROGGEN&storeId=${store.id}`)).items[0]!;
  const quote = await api.post<{ totals: { payable: number } }>('/pricing/quote', { storeId: store.id, lines: [{ productId: product.id, qty: 3000 }] });
  const saleTotal = quote.totals.payable;

  const { context, page } = await newDevice(browser, baseURL!, { locale: 'en-US', viewport: { width: 1366, height: 768 } });
  // English unless the test switched the language (init scripts run on every reload).
  await context.addInitScript(() => localStorage.getItem('opentill.language') ?? localStorage.setItem('opentill.language', 'en'));
  await page.goto(`/register/pair?code=${code}`);
  await expect(page.getByRole('heading', { name: 'Enter your PIN' })).toBeVisible();
  await page.keyboard.type(CASHIER.pin);
  await page.keyboard.press('Enter');

  // --- Open the shift with a 150.00 € float ---
  let panel = await openOps(page, /^Shift$/);
  await expect(panel.getByTestId('shift-status')).toHaveText('No shift open');
  await panel.getByLabel('Opening float').fill('150.00');
  await panel.getByRole('button', { name: 'Open shift with €150.00' }).click();
  await expect(panel.getByTestId('shift-summary')).toContainText('€150.00');
  const current = await api.get<{ shift: { id: string; openingFloat: number; openedBy: { name: string } } | null }>(`/registers/${register.id}/shifts/current`);
  expect(current.shift).toMatchObject({ openingFloat: 15_000, openedBy: { name: CASHIER.name } });
  const shiftId = current.shift!.id;

  // --- Cash in 20.00 € with a reason ---
  await panel.getByRole('button', { name: 'Cash in/out', exact: true }).first().click();
  await panel.getByLabel('Cash in', { exact: true }).check();
  await panel.getByLabel('Amount').fill('20');
  await panel.getByLabel(/^Reason/).fill('Change from the bank');
  await panel.getByRole('button', { name: 'Record cash slip' }).click();
  await expect(panel.getByTestId('cash-slip')).toContainText('Change from the bank');
  await expect(panel.getByTestId('cash-slip')).toContainText('€20.00');

  // --- A sale on this register (3 × Roggenbrot, cash), recorded through the API. Its number is far
  // from the device's own counter, which numbers the refund.
  const sale = await api.post<{ id: string; receiptNo: string }>('/sales', {
    id: crypto.randomUUID(),
    registerId: register.id,
    registerSeq: 900,
    receiptNo: 'API-000900',
    lines: [{ id: crypto.randomUUID(), productId: product.id, qty: 3000 }],
    payments: [{ id: crypto.randomUUID(), tender: 'cash', amount: saleTotal, tendered: saleTotal }],
    totals: { total: saleTotal },
  });

  // --- Refund one of the three by receipt number; Chris may not refund, Maria approves ---
  await panel.getByRole('button', { name: 'Refund', exact: true }).click();
  await panel.getByLabel('Receipt number').fill(sale.receiptNo);
  await panel.getByRole('button', { name: 'Find' }).click();
  const line = panel.getByTestId('refund-line');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText('Sold 3 · refundable 3');
  await line.getByRole('button', { name: /^Refund one more /  }).click();
  await line.getByRole('button', { name: /^Refund one more /  }).click();
  await line.getByRole('button', { name: /^Refund one .+ less$/ }).click();
  await expect(line.getByTestId('refund-qty')).toHaveText('1');
  // One of three identical pieces: the server prorates the line exactly.
  expect(saleTotal % 3).toBe(0);
  const refundAmount = saleTotal / 3;
  await panel.getByTestId('refund-submit').click();

  const approval = page.getByTestId('manager-approval');
  await expect(approval).toBeVisible();
  await expect(approval.getByTestId('approval-reason')).toHaveText(`Refund ${euro(refundAmount, 'en-US')} from receipt API-000900`);
  for (const d of '0000') await approval.getByRole('button', { name: d, exact: true }).click();
  await approval.getByRole('button', { name: 'OK', exact: true }).click();
  await expect(approval.getByTestId('approval-error')).toHaveText('Wrong PIN. 4 attempts left.');
  await shot(page, 'register-ops-approval-en');
  // The manager may also type the PIN on a keyboard (at human speed: a burst would read as a scan).
  await page.keyboard.type(MANAGER_PIN, { delay: 120 });
  await page.keyboard.press('Enter');
  await expect(approval).toBeHidden();
  await expect(panel.getByTestId('refund-done')).toContainText(/Refund \S+ recorded\./);
  const refundNo = /Refund (\S+) recorded\./.exec((await panel.getByTestId('refund-done').textContent()) ?? '')![1]!;
  await expect(panel.getByTestId('refund-payout')).toHaveText(euro(refundAmount, 'en-US'));
  await shot(page, 'register-ops-refund-done-en');

  // The refund's digital receipt: a QR code of a public link that opens the receipt.
  await panel.getByTestId('receipt-qr').click();
  const qr = panel.getByTestId('receipt-qr-code');
  await expect(panel.getByRole('img', { name: 'QR code linking to the digital receipt' })).toBeVisible();
  const link = (await qr.locator('.pair-url').textContent()) ?? '';
  expect(link).toMatch(/\/r\/[A-Za-z0-9_-]+$/);
  expect((await fetch(new URL(new URL(link).pathname, baseURL)).then((r) => r.status))).toBe(200);
  await shot(page, 'register-ops-refund-qr-en');

  // The server holds the refund, linked to the sale, with the line's refunded quantity raised.
  const refunds = await api.get<{ items: { id: string; kind: string; total: number; originalSaleId: string; registerId: string; sequenceIssue: string | null }[] }>(
    `/sales/by-receipt/${encodeURIComponent(refundNo)}?storeId=${store.id}`,
  );
  expect(refunds.items).toEqual([
    expect.objectContaining({ kind: 'refund', total: -refundAmount, originalSaleId: sale.id, registerId: register.id, sequenceIssue: null }),
  ]);
  const original = await api.get<{ lines: { refundedQty: number }[] }>(`/sales/${sale.id}`);
  expect(original.lines[0]!.refundedQty).toBe(1000);
  const audit = await api.get<{ items: { action: string; outcome: string; details: Record<string, unknown> }[] }>(`/audit?storeId=${store.id}&limit=50`);
  expect(audit.items.some((e) => e.action === 'auth.manager_override' && e.outcome === 'success' && e.details.permission === 'sales.refund')).toBe(true);

  // --- X report: expected cash so far ---
  const expected = 15_000 + 2_000 + saleTotal - refundAmount;
  await panel.getByRole('button', { name: 'X report', exact: true }).click();
  await expect(panel.getByTestId('expected-cash')).toHaveText(euro(expected, 'en-US'));

  // --- Screenshots of the close screen: 1366×768 and phone, English and German ---
  for (const lang of ['en', 'de'] as const) {
    if (lang === 'de') {
      await page.evaluate(() => localStorage.setItem('opentill.language', 'de'));
      await page.reload();
      panel = await openOps(page, /^Kassenabschluss$/);
    } else {
      await panel.getByRole('button', { name: 'Close shift', exact: true }).click();
    }
    await fillCount(page);
    await expect(panel.getByTestId('counted-sum')).toHaveText(euro(COUNTED, lang === 'de' ? 'de-DE' : 'en-US'));
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: `${DOCS}register-shift-close-${lang}.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(panel.getByTestId('close-shift')).toBeInViewport();
    await page.screenshot({ path: `${DOCS}register-shift-close-phone-${lang}.png` });
    await page.setViewportSize({ width: 1366, height: 768 });
  }

  // --- Close (in German): the Z report shows expected, counted and the over/short ---
  await panel.getByTestId('close-shift').click();
  const z = panel.getByTestId('z-report');
  await expect(z).toBeVisible();
  const report = await api.get<{ expectedCash: number; countedCash: number; overShort: number; countedDenominations: Record<string, number>; zNumber: number }>(
    `/shifts/${shiftId}/z-report`,
  );
  expect(report).toMatchObject({ expectedCash: expected, countedCash: COUNTED, overShort: COUNTED - expected, countedDenominations: { '5000': 3, '2000': 1, '200': 3, '50': 1 } });
  expect(report.overShort).not.toBe(0);
  await expect(z.getByTestId('expected-cash')).toHaveText(euro(expected, 'de-DE'));
  await expect(z.getByTestId('counted-cash')).toHaveText(euro(COUNTED, 'de-DE'));
  const sign = report.overShort > 0 ? '+' : '';
  await expect(z.getByTestId('over-short')).toContainText(report.overShort > 0 ? 'Überschuss' : 'Fehlbetrag');
  await expect(z.getByTestId('over-short')).toContainText(`${sign}${euro(report.overShort, 'de-DE')}`);
  await expect(z.getByRole('heading')).toHaveText(`Z-Bon Nr. ${report.zNumber}`);
  await page.screenshot({ path: `${DOCS}register-z-report-de.png` });
  expect((await api.get<{ shift: unknown }>(`/registers/${register.id}/shifts/current`)).shift).toBeNull();

  // Later (panel closed and opened again): no shift, a float form, and the last Z report one tap away.
  await panel.getByRole('button', { name: 'Zurück zum Verkauf' }).click();
  panel = await openOps(page, /^Schicht$/);
  await expect(panel.getByTestId('shift-open-form')).toBeVisible();
  await panel.getByTestId('last-z').click();
  await expect(panel.getByTestId('z-report').getByTestId('over-short')).toContainText(`${sign}${euro(report.overShort, 'de-DE')}`);
  await context.close();
});

test('an exchange credits the returned bread towards a baguette and pays out the difference', async ({ browser, baseURL }) => {
  const api = await ownerApi(baseURL!);
  const store = (await api.get<{ items: { id: string }[] }>('/stores')).items[0]!;
  const register = await api.post<{ id: string }>(`/stores/${store.id}/registers`, { name: 'Kasse Umtausch' });
  await api.post(`/registers/${register.id}/shifts`, { id: crypto.randomUUID(), openingFloat: 5_000 });
  const { code } = await api.post<{ code: string }>(`/registers/${register.id}/pairing-codes`);
  const find = async (sku: string) => (await api.get<{ items: { id: string; prices: { price: number }[] }[] }>(`/catalog/products?q=${sku}&storeId=${store.id}`)).items[0]!;
  const bread = await find('BROT-ROGGEN');
  const baguette = await find('BROT-BAGUETTE');
  const paid = (await api.post<{ totals: { payable: number } }>('/pricing/quote', { storeId: store.id, lines: [{ productId: bread.id, qty: 1000 }] })).totals.payable;
  const newPrice = (await api.post<{ totals: { payable: number } }>('/pricing/quote', { storeId: store.id, lines: [{ productId: baguette.id, qty: 1000 }] })).totals.payable;
  const sale = await api.post<{ id: string; receiptNo: string }>('/sales', {
    id: crypto.randomUUID(),
    registerId: register.id,
    registerSeq: 900,
    receiptNo: 'UMT-000900',
    lines: [{ id: crypto.randomUUID(), productId: bread.id, qty: 1000 }],
    payments: [{ id: crypto.randomUUID(), tender: 'cash', amount: paid, tendered: paid }],
    totals: { total: paid },
  });

  const { context, page } = await newDevice(browser, baseURL!, { locale: 'de-DE', viewport: { width: 1024, height: 768 } });
  await context.addInitScript(() => localStorage.getItem('opentill.language') ?? localStorage.setItem('opentill.language', 'de'));
  await page.goto(`/register/pair?code=${code}`);
  await expect(page.getByRole('heading', { name: 'PIN eingeben' })).toBeVisible();
  await page.keyboard.type(CASHIER.pin);
  await page.keyboard.press('Enter');

  // The customer's receipt is found from its QR code: a scanner types the digital-receipt link.
  const { url } = await api.post<{ url: string }>(`/sales/${sale.id}/receipt-link`);
  const panel = await openOps(page, /^Rückgabe$/);
  await panel.getByLabel('Belegnummer').fill(url);
  await panel.getByRole('button', { name: 'Suchen' }).click();
  await expect(panel.getByTestId('refund-picker')).toContainText(`Beleg ${sale.receiptNo}`);
  await panel.getByTestId('refund-line').getByRole('button', { name: /mehr zurück$/ }).click();
  await panel.getByTestId('exchange-start').click();
  await panel.getByLabel('Neuen Artikel suchen').fill('Baguette');
  await panel.getByRole('button', { name: /^Baguette/ }).click();
  const balance = newPrice - paid;
  expect(balance).toBeLessThan(0);
  await expect(panel.getByTestId('exchange-balance')).toHaveText(`Bar auszahlen${euro(-balance, 'de-DE')}`);
  await shot(page, 'register-ops-exchange-de');
  // Phone size: the same screen and the approval pad fit without sideways scrolling.
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'register-ops-exchange-phone-de');
  await panel.getByTestId('exchange-submit').click();

  const approval = page.getByTestId('manager-approval');
  await expect(approval.getByTestId('approval-reason')).toHaveText('Umtausch von Beleg UMT-000900');
  await expect(approval.getByRole('button', { name: 'OK', exact: true })).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await shot(page, 'register-ops-approval-phone-de');
  for (const d of MANAGER_PIN) await approval.getByRole('button', { name: d, exact: true }).click();
  await approval.getByRole('button', { name: 'OK', exact: true }).click();
  await expect(panel.getByTestId('refund-done')).toContainText(/Umtausch \S+ gebucht\./);
  await expect(panel.getByTestId('refund-payout')).toHaveText(euro(-balance, 'de-DE'));

  // The server holds one exchange document: the bread back, the baguette out, the difference paid out.
  const exchangeNo = /Umtausch (\S+) gebucht\./.exec((await panel.getByTestId('refund-done').textContent()) ?? '')![1]!;
  const found = await api.get<{ items: { id: string; kind: string; total: number; originalSaleId: string }[] }>(`/sales/by-receipt/${encodeURIComponent(exchangeNo)}?storeId=${store.id}`);
  expect(found.items).toEqual([expect.objectContaining({ kind: 'exchange', total: balance, originalSaleId: sale.id })]);
  const doc = await api.get<{ lines: { productId: string; qty: number }[]; payments: { tender: string; amount: number }[] }>(`/sales/${found.items[0]!.id}`);
  expect(doc.lines.map((l) => [l.productId, l.qty])).toEqual(expect.arrayContaining([[bread.id, -1000], [baguette.id, 1000]]));
  expect(doc.payments).toEqual([expect.objectContaining({ tender: 'cash', amount: balance })]);
  await context.close();
});

test('card payment on the terminal, then receipt options on the paid view', async ({ browser, baseURL }) => {
  const api = await ownerApi(baseURL!);
  const store = (await api.get<{ items: { id: string }[] }>('/stores')).items[0]!;
  const register = await api.post<{ id: string }>(`/stores/${store.id}/registers`, { name: 'Kasse Karte' });
  await api.post(`/registers/${register.id}/shifts`, { id: crypto.randomUUID(), openingFloat: 5_000 });
  const { code } = await api.post<{ code: string }>(`/registers/${register.id}/pairing-codes`);
  const product = (await api.get<{ items: { id: string; barcodes: { code: string }[] }[] }>(`/catalog/products?q=BROT-ROGGEN&storeId=${store.id}`)).items[0]!;
  const total = (await api.post<{ totals: { payable: number } }>('/pricing/quote', { storeId: store.id, lines: [{ productId: product.id, qty: 1000 }] })).totals.payable;

  const { context, page } = await newDevice(browser, baseURL!, { locale: 'en-US', viewport: { width: 1366, height: 768 } });
  await context.addInitScript(() => localStorage.getItem('opentill.language') ?? localStorage.setItem('opentill.language', 'en'));
  await page.goto(`/register/pair?code=${code}`);
  await expect(page.getByRole('heading', { name: 'Enter your PIN' })).toBeVisible();
  await page.keyboard.type(CASHIER.pin);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('product-grid')).toBeVisible();
  await expect(page.getByTestId('catalog-loading')).toHaveCount(0, { timeout: 30_000 });

  // Scan the bread (a keyboard wedge: fast keys, then Enter) and pay by card.
  await page.keyboard.type(product.barcodes[0]!.code, { delay: 5 });
  await page.keyboard.press('Enter');
  await page.getByTestId('pay').click();
  await page.getByRole('button', { name: 'Card', exact: true }).click();
  const card = page.getByTestId('card-tender');
  await expect(card.getByTestId('card-amount')).toHaveText(euro(total, 'en-US'));
  await card.getByTestId('card-start').click();
  await expect(page.getByTestId('paid-view')).toBeVisible();

  // The server holds the sale with the terminal's approved card payment.
  await expect.poll(async () => (await api.get<{ items: unknown[] }>(`/sales?registerId=${register.id}&storeId=${store.id}`)).items.length).toBe(1);
  const [header] = (await api.get<{ items: { id: string }[] }>(`/sales?registerId=${register.id}&storeId=${store.id}`)).items;
  const sale = await api.get<{ total: number; payments: { tender: string; amount: number; status: string; card: { brand: string; last4: string } | null }[] }>(`/sales/${header!.id}`);
  expect(sale.total).toBe(total);
  expect(sale.payments).toEqual([expect.objectContaining({ tender: 'card', amount: total, status: 'approved', card: expect.objectContaining({ brand: 'girocard', last4: '4242' }) })]);

  // Receipt options: a bad address is refused in the browser; what the server has not set up says so.
  const delivery = page.getByTestId('receipt-delivery');
  await expect(delivery.getByTestId('receipt-qr')).toBeEnabled();
  await delivery.getByTestId('receipt-email').click();
  await delivery.getByTestId('receipt-email-to').fill('anna@example');
  await delivery.getByRole('button', { name: 'Send' }).click();
  await expect(delivery.getByRole('alert')).toHaveText('Enter a complete email address, e.g. name@example.com.');
  await delivery.getByTestId('receipt-print').click();
  await expect(delivery.getByText(/Not set up for this register yet|Sent to the printer|Sending to the printer/)).toBeVisible();
  await delivery.getByTestId('receipt-qr').click();
  await expect(delivery.getByRole('img', { name: 'QR code linking to the digital receipt' })).toBeVisible();
  await shot(page, 'register-ops-card-paid-en');
  await context.close();
});
