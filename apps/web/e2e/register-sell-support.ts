// Shared steps of the register sell/offline/two-register specs: API setup (pairing, shift, catalog
// facts) and the few UI moves every spec repeats. The UI is driven the way a cashier drives it.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import { OWNER } from './fixtures';

export const DOCS_DIR = fileURLToPath(new URL('../../../docs/', import.meta.url));
mkdirSync(DOCS_DIR, { recursive: true });

export interface Api {
  base: string;
  token: string;
  storeId: string;
  registers: Record<string, string>;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
}

export async function ownerApi(baseURL: string): Promise<Api> {
  const login = await fetch(`${baseURL}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(OWNER) });
  expect(login.status).toBe(200);
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${baseURL}/api/v1${path}`, { headers: auth });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const post = async <T>(path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${baseURL}/api/v1${path}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as T };
  };
  const stores = await get<{ items: { id: string }[] }>('/stores');
  const storeId = stores.items[0]!.id;
  const regs = await get<{ items: { id: string; name: string }[] }>(`/stores/${storeId}/registers`);
  return { base: baseURL, token, storeId, registers: Object.fromEntries(regs.items.map((r) => [r.name, r.id])), get, post };
}

export interface ProductFacts {
  id: string;
  sku: string;
  name: string;
  barcodes: { code: string; kind: string }[];
  prices: { price: number; variantId: string | null }[];
  depositProductId: string | null;
}

export async function products(api: Api): Promise<Map<string, ProductFacts>> {
  const out = new Map<string, ProductFacts>();
  let after: string | null = null;
  for (;;) {
    const page: { products: ProductFacts[]; nextAfter: string | null; hasMore: boolean } = await api.get(`/catalog/snapshot?storeId=${api.storeId}&limit=1000${after ? `&after=${after}` : ''}`);
    for (const p of page.products) out.set(p.sku, p);
    if (!page.hasMore) return out;
    after = page.nextAfter;
  }
}

/**
 * A register of its own for a spec (other specs lock Kasse 2's PIN pad or sell on Kasse 1), with an
 * open shift. Returns its id; `api.registers[name]` knows it too.
 */
export async function freshRegister(api: Api, name: string): Promise<string> {
  const res = await api.post<{ id: string }>(`/stores/${api.storeId}/registers`, { name });
  expect(res.status).toBe(201);
  api.registers[name] = res.body.id;
  await openShift(api, res.body.id);
  return res.body.id;
}

/** "Theke 3f2a" → "THEKE3F2A", the receipt prefix the register derives from its name. */
export const prefixOf = (name: string) => name.replace(/[^A-Za-z0-9]/g, '').toUpperCase().slice(0, 16);

/** Opens a shift on a register through the API (the shift screens are another engineer's). */
export async function openShift(api: Api, registerId: string, openingFloat = 10_000): Promise<string> {
  const current = await api.get<{ shift: { id: string } | null }>(`/registers/${registerId}/shifts/current`);
  if (current.shift) return current.shift.id;
  const id = randomUUID();
  const res = await api.post(`/registers/${registerId}/shifts`, { id, openingFloat });
  expect(res.status).toBe(201);
  return id;
}

/** Pairs the page's browser profile with a register (API code, then the device token in place). */
export async function pairBrowser(page: Page, api: Api, registerName: string): Promise<void> {
  const code = await api.post<{ code: string }>(`/registers/${api.registers[registerName]}/pairing-codes`, {});
  expect(code.status).toBe(201);
  const paired = await fetch(`${api.base}/api/v1/devices/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: code.body.code, name: `${registerName} e2e` }) });
  expect(paired.status).toBe(201);
  const { deviceToken } = (await paired.json()) as { deviceToken: string };
  await page.goto('/register');
  await page.evaluate((token) => localStorage.setItem('opentill.deviceToken', token), deviceToken);
  await page.reload();
}

/** Types a PIN on the PIN pad (physical keyboard) and waits for the sell screen with its catalog. */
export async function pinLogin(page: Page, pin: string): Promise<void> {
  await expect(page.getByTestId('pin-dots')).toBeVisible();
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
  await sellScreenReady(page);
}

export async function sellScreenReady(page: Page): Promise<void> {
  await expect(page.getByTestId('product-grid')).toBeVisible();
  await expect(page.getByTestId('catalog-loading')).toHaveCount(0, { timeout: 30_000 });
}

/** A keyboard-wedge scanner: fast keystrokes, then Enter — with no field focused. */
export async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}

/** Pays the current cart in cash with the quick button for `tenderedLabel` (or "Exact"/"Passend"). */
export async function payCash(page: Page, button: RegExp | string): Promise<void> {
  await page.getByTestId('pay').click();
  await page.getByRole('button', { name: button }).first().click();
  await expect(page.getByTestId('paid-view')).toBeVisible();
}

export interface SaleJson {
  id: string;
  receiptNo: string;
  registerSeq: number;
  total: number;
  discountTotal: number;
  storeSeq: number;
  priceSource: string;
  lines: { productId: string; qty: number; unitPrice: number; discount: number; total: number; depositFor: string | null; priceOverrideBy: string | null }[];
  payments: { tender: string; amount: number; tendered: number | null; change: number | null }[];
}

export async function salesOf(api: Api, registerId: string): Promise<SaleJson[]> {
  const headers: { id: string }[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page: { items: { id: string }[]; nextCursor: string | null } = await api.get(`/sales?storeId=${api.storeId}&registerId=${registerId}&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    headers.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return Promise.all(headers.map((h) => api.get<SaleJson>(`/sales/${h.id}`)));
}

export async function stockOf(api: Api, productId: string): Promise<number> {
  const res = await api.get<{ items: { productId: string; qtyMilli?: number; onHandMilli?: number; quantity?: number }[] }>(`/stores/${api.storeId}/stock?productId=${productId}`);
  const row = res.items[0];
  return row ? (row.qtyMilli ?? row.onHandMilli ?? row.quantity ?? 0) : 0;
}
