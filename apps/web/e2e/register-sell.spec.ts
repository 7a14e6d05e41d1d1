import { encodeVariableMeasure, GERMAN_VARIABLE_MEASURE_RULES } from '@opentill/core';
import { CASHIER, chooseLanguage, expect, test } from './fixtures';
import { DOCS_DIR, freshRegister, ownerApi, pairBrowser, pinLogin, products, salesOf, scan, stockOf } from './register-sell-support';

test.use({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });

test('a cashier scans, weighs, discounts and pays cash with change; the server holds exactly that sale', async ({ page, baseURL }) => {
  const api = await ownerApi(baseURL!);
  const catalog = await products(api);
  // A register of its own: other specs lock PIN pads and close shifts on the demo registers.
  const registerId = await freshRegister(api, 'Kasse 3');
  const before = await salesOf(api, registerId);
  const butter = catalog.get('FK-BUTTER')!;
  const cheese = catalog.get('FK-BERGKAESE')!;
  const gouda = catalog.get('FK-GOUDA')!;
  const stockBefore = await stockOf(api, butter.id);

  await pairBrowser(page, api, 'Kasse 3');
  await pinLogin(page, CASHIER.pin);

  // 1. A scanner types the butter's EAN-13 anywhere on the screen.
  await scan(page, butter.barcodes[0]!.code);
  const lines = page.getByTestId('cart-line');
  await expect(lines).toHaveCount(1);
  await expect(lines.first()).toContainText('Süßrahmbutter 250 g');
  await scan(page, butter.barcodes[0]!.code); // the same again counts up
  await expect(lines).toHaveCount(1);
  await expect(lines.first()).toContainText('2 × 3,29 €');

  // 2. Cheese from the counter scale: the label carries 312 g.
  const label = encodeVariableMeasure(GERMAN_VARIABLE_MEASURE_RULES.find((r) => r.prefix === '28')!, '1001', 312);
  await scan(page, label);
  await expect(lines.nth(1)).toContainText('Bergkäse');
  await expect(lines.nth(1)).toContainText('0,312 kg');

  // 3. Gouda weighed by hand: search, Enter, type the weight.
  await page.getByRole('searchbox', { name: 'Artikel suchen' }).fill('gouda');
  await page.getByRole('searchbox', { name: 'Artikel suchen' }).press('Enter');
  await page.getByLabel('Gewicht', { exact: true }).fill('0,250');
  await page.getByRole('button', { name: 'OK', exact: true }).click();
  await expect(lines).toHaveCount(3);
  await expect(lines.nth(2)).toContainText('0,250 kg');

  // 4. 10 % off the butter line.
  await lines.first().getByRole('button', { name: /ändern$/ }).click();
  await page.getByRole('button', { name: 'Rabatt %' }).click();
  await page.getByLabel('Prozent').fill('10');
  await page.getByRole('button', { name: 'OK', exact: true }).click();
  await page.getByRole('button', { name: 'Fertig' }).click();
  await expect(lines.first()).toContainText('−0,66 €');

  // Expected by hand: butter 2 × 3.29 = 6.58 − 10 % (0.66) = 5.92; cheese 29.90 × 0.312 = 9.3288 → 9.33;
  // gouda 24.90 × 0.250 = 6.225 → 6.23 (half up). Total 21.48.
  await expect(page.getByTestId('cart-total')).toHaveText('21,48 €');
  await page.screenshot({ path: `${DOCS_DIR}register-1366-de.png` });

  // 5. Cash: the customer hands over 50 €.
  await page.getByTestId('pay').click();
  await expect(page.getByTestId('amount-due')).toHaveText('21,48 €');
  await page.screenshot({ path: `${DOCS_DIR}register-1366-tender-de.png` });
  await page.getByRole('button', { name: '50,00 €', exact: true }).click();
  await expect(page.getByTestId('change-due')).toHaveText('28,52 €');
  await expect(page.getByTestId('paid-sync')).toHaveText('Auf dem Server erfasst');
  await page.screenshot({ path: `${DOCS_DIR}register-1366-paid-de.png` });

  // The server holds exactly this one new sale, with the register's totals.
  const after = await salesOf(api, registerId);
  const fresh = after.filter((s) => !before.some((b) => b.id === s.id));
  expect(fresh).toHaveLength(1);
  const sale = fresh[0]!;
  expect(sale.total).toBe(2148);
  expect(sale.discountTotal).toBe(66);
  expect(sale.priceSource).toBe('server');
  expect(sale.receiptNo).toBe('KASSE3-000001');
  const byProduct = new Map(sale.lines.map((l) => [l.productId, l]));
  expect(byProduct.get(butter.id)).toMatchObject({ qty: 2000, unitPrice: 329, discount: 66, total: 592 });
  expect(byProduct.get(cheese.id)).toMatchObject({ qty: 312, total: 933 });
  expect(byProduct.get(gouda.id)).toMatchObject({ qty: 250, total: 623 });
  expect(sale.payments).toEqual([expect.objectContaining({ tender: 'cash', amount: 2148, tendered: 5000, change: 2852 })]);
  expect(await stockOf(api, butter.id)).toBe(stockBefore - 2000);

  // Next customer; the same screen in English, then at phone size in both languages.
  await page.getByTestId('next-sale').click();
  await scan(page, butter.barcodes[0]!.code);
  await scan(page, catalog.get('GET-MATE')!.barcodes[0]!.code);
  await expect(lines).toHaveCount(2);
  await expect(lines.nth(1)).toContainText('Pfand'); // the bottle brings its deposit line
  await page.getByTestId('user-menu-button').click();
  await chooseLanguage(page, 'en');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('pay')).toContainText('Pay');
  await page.screenshot({ path: `${DOCS_DIR}register-1366-en.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${DOCS_DIR}register-phone-en.png`, fullPage: true });
  await page.getByTestId('user-menu-button').click();
  await chooseLanguage(page, 'de');
  await page.keyboard.press('Escape');
  await page.screenshot({ path: `${DOCS_DIR}register-phone-de.png`, fullPage: true });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: `${DOCS_DIR}register-1024-de.png` });

  // The bottle's deposit, priced on the register, is what the server records too.
  await page.getByTestId('pay').click();
  await page.getByRole('button', { name: /^Passend / }).click();
  await expect(page.getByTestId('paid-sync')).toHaveText('Auf dem Server erfasst');
  const second = (await salesOf(api, registerId)).filter((s) => !before.some((b) => b.id === s.id) && s.id !== sale.id);
  expect(second).toHaveLength(1);
  expect(second[0]!.total).toBe(329 + 290 + 8);
  expect(second[0]!.lines.filter((l) => l.depositFor !== null)).toEqual([expect.objectContaining({ qty: 1000, unitPrice: 8, total: 8 })]);
});
