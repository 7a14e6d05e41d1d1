import { CASHIER, expect, shot, test } from './fixtures';
import { freshRegister, ownerApi, pairBrowser, pinLogin, prefixOf, products, salesOf, scan, type SaleJson } from './register-sell-support';

const MANAGER_PIN = '9999';

type Doc = SaleJson & { kind: string; originalSaleId: string | null };

/**
 * Offline scope beyond sales: while the server is unreachable the cashier removes a cart line
 * (audited), sells, records a cash-in and refunds one of the offline sales with a manager's PIN.
 * Back online, the server holds exactly that: the sales, one refund linked to its sale with the
 * server's prorated amount and the next receipt number, one cash movement, one audit record.
 */
test('offline: cash in, refund of an offline sale and an audited line removal reach the server exactly once', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  const api = await ownerApi(baseURL!);
  const catalog = await products(api);
  const name = `OffOps ${Date.now().toString(36)}`;
  const registerId = await freshRegister(api, name);
  const shiftId = (await api.get<{ shift: { id: string } }>(`/registers/${registerId}/shifts/current`)).shift.id;
  const product = catalog.get('SHOP-KEKSE')!;
  const code = product.barcodes[0]!.code;
  const price = product.prices.find((p) => p.variantId === null)!.price;
  const before = await salesOf(api, registerId);
  expect(before).toHaveLength(0);

  await pairBrowser(page, api, name);
  await pinLogin(page, CASHIER.pin);
  // The register knows its open shift (remembered for offline cash movements).
  await expect(page.getByTestId('no-shift')).toHaveCount(0);

  // --- The network goes away ---
  await context.setOffline(true);
  await expect(page.getByTestId('sync-state')).toHaveText('Offline');

  // Sale 1: three of the same piece on one line.
  for (let i = 0; i < 3; i++) await scan(page, code);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await page.getByTestId('pay').click();
  await page.getByRole('button', { name: /^Passend / }).click();
  await expect(page.getByTestId('paid-view')).toBeVisible();
  await page.getByTestId('next-sale').click();

  // Sale 2: a line is scanned, then taken out again (audited), then the customer takes one after all.
  await scan(page, code);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await page.getByRole('button', { name: `Ein(e) ${product.name} weniger` }).click();
  await expect(page.getByTestId('cart-line')).toHaveCount(0);
  await scan(page, code);
  await page.getByTestId('pay').click();
  await page.getByRole('button', { name: /^Passend / }).click();
  await expect(page.getByTestId('paid-view')).toBeVisible();
  await page.getByTestId('next-sale').click();

  // Cash in, offline: the slip shows once it is stored on the register.
  await page.getByTestId('register-ops-button').click();
  const panel = page.getByTestId('register-ops');
  await panel.getByRole('button', { name: 'Ein-/Auszahlung' }).first().click();
  await panel.getByTestId('cash-amount').fill('50,00');
  await panel.getByTestId('cash-reason').fill('Wechselgeld von der Bank');
  await panel.getByRole('button', { name: 'Beleg buchen' }).click();
  await expect(panel.getByTestId('cash-slip')).toHaveCount(1);
  await expect(panel.getByTestId('cash-slip')).toContainText('Auf dieser Kasse gespeichert');
  await shot(page, 'register-offline-cash-de');

  // Refund one of the three from sale 1, picked from this register's recent sales.
  await panel.getByRole('button', { name: 'Rückgabe', exact: true }).click();
  await expect(panel.getByTestId('local-refund-lookup')).toBeVisible();
  const receipt1 = `${prefixOf(name)}-000001`;
  await expect(panel.getByTestId('local-sale')).toHaveCount(2);
  await shot(page, 'register-offline-refund-lookup-de');
  await panel.getByTestId('local-sale').filter({ hasText: receipt1 }).click();
  const line = panel.getByTestId('refund-line');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText('Verkauft 3 · rückgabefähig 3');
  await line.getByRole('button', { name: / mehr zurück$/ }).click();
  await expect(line.getByTestId('refund-qty')).toHaveText('1');
  await expect(panel.getByTestId('exchange-start')).toHaveCount(0);
  await panel.getByTestId('refund-submit').click();
  // Chris may not refund: a manager's PIN goes with the refund (the server checks it on sync).
  const approval = page.getByTestId('manager-approval');
  await expect(approval).toBeVisible();
  for (const d of MANAGER_PIN) await approval.getByRole('button', { name: d, exact: true }).click();
  await approval.getByRole('button', { name: 'OK', exact: true }).click();
  await expect(panel.getByTestId('refund-done')).toContainText(`${prefixOf(name)}-000003`);
  await expect(panel.getByTestId('refund-payout')).toContainText((price / 100).toFixed(2).replace('.', ','));
  await shot(page, 'register-offline-refund-done-de');

  // Looking it up again: only two are left to refund.
  await panel.getByRole('button', { name: 'Nächste Rückgabe' }).click();
  await panel.getByTestId('receipt-number').fill(receipt1.toLowerCase());
  await panel.getByRole('button', { name: 'Suchen' }).click();
  await expect(panel.getByTestId('refund-line')).toContainText('Verkauft 3 · rückgabefähig 2');
  await panel.getByRole('button', { name: 'Zurück zum Verkauf' }).click();

  // Two sales, one removed-line record, one cash slip, one refund wait; signing out is refused.
  await expect(page.getByTestId('sync-pending')).toHaveText('5 nicht gesendet');
  await page.getByTestId('user-menu-button').click();
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByTestId('logout-blocked')).toContainText('5 Vorgänge');
  await page.getByTestId('logout-blocked').getByRole('button', { name: 'OK', exact: true }).click();
  expect(await salesOf(api, registerId)).toHaveLength(0);

  // --- Back online: the outbox drains in order (the refund after its sale) ---
  await context.setOffline(false);
  await expect(page.getByTestId('sync-state')).toHaveText('Online', { timeout: 30_000 });
  await expect(page.getByTestId('sync-pending')).toHaveCount(0, { timeout: 30_000 });
  // A reload online sends nothing twice.
  await page.reload();
  await expect(page.getByTestId('product-grid')).toBeVisible();
  await expect(page.getByTestId('sync-state')).toHaveText('Online', { timeout: 30_000 });

  const docs = (await salesOf(api, registerId)) as Doc[];
  const sales = docs.filter((d) => d.kind === 'sale').sort((a, b) => a.registerSeq - b.registerSeq);
  const refunds = docs.filter((d) => d.kind === 'refund');
  expect(sales.map((s) => [s.registerSeq, s.total])).toEqual([
    [1, 3 * price],
    [2, price],
  ]);
  expect(refunds).toHaveLength(1);
  const refund = refunds[0]!;
  expect(refund).toMatchObject({ originalSaleId: sales[0]!.id, registerSeq: 3, receiptNo: `${prefixOf(name)}-000003`, total: -price });
  expect(refund.payments).toMatchObject([{ tender: 'cash', amount: -price }]);
  const original = await api.get<{ lines: { refundedQty: number }[] }>(`/sales/${sales[0]!.id}`);
  expect(original.lines[0]!.refundedQty).toBe(1000);

  const x = await api.get<{ cash: { payIn: { count: number; amount: number } } }>(`/shifts/${shiftId}/x-report`);
  expect(x.cash.payIn).toEqual({ count: 1, amount: 5000 });

  const audit = await api.get<{ items: { registerId: string; entity: { type: string; id: string } | null; details: Record<string, unknown> | null }[] }>(
    `/audit?storeId=${api.storeId}&action=cart.line_removed&limit=500`,
  );
  const removed = audit.items.filter((a) => a.registerId === registerId);
  expect(removed).toHaveLength(1);
  expect(removed[0]!.entity).toEqual({ type: 'sale', id: sales[1]!.id });
  expect(removed[0]!.details).toMatchObject({ productId: product.id, qty: 1000, unitPrice: price, cashierName: expect.stringContaining(CASHIER.name) });
});
