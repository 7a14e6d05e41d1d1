import { api } from '../../lib/api/api-client';
import { ApiError, NETWORK_ERROR } from '../../lib/api/api-error';
import type { Cart } from '../data/cart';
import type { RegisterDb } from '../data/register-db';
import type { PercentOrAmount, SaleLineRequest } from '../data/sale-request';

/**
 * Parking: on the server when it is reachable (then any register of the store can resume the sale),
 * otherwise in this register's IndexedDB (resumable here). Resuming a server sale takes it over on
 * this register; it is then completed as that same sale (see sale-sender.ts, mode `resumed`).
 */

export interface ServerParked {
  id: string;
  registerId: string;
  parkedAt: string;
  total: number;
  cashierName: string | null;
  lineCount: number;
}

interface SaleLineJson {
  id: string;
  productId: string;
  variantId: string | null;
  qty: number;
  depositFor: string | null;
  /** What the parking register asked for on the line (older servers do not send it). */
  input?: { modifierOptionIds?: string[]; discount?: PercentOrAmount | null; priceOverride?: number | null };
}

export const saleLines = (cart: Cart): Omit<SaleLineRequest, 'unitPrice'>[] =>
  cart.lines.map((l) => ({
    id: l.id,
    productId: l.productId,
    ...(l.variantId ? { variantId: l.variantId } : {}),
    qty: l.qty,
    modifierOptionIds: l.modifierOptionIds,
    ...(l.discount ? { discount: l.discount } : {}),
    ...(l.priceOverride !== undefined ? { priceOverride: l.priceOverride } : {}),
  }));

const isOffline = (e: unknown) => e instanceof ApiError && e.code === NETWORK_ERROR;

export async function parkCart(
  db: RegisterDb,
  cart: Cart & { resumed?: boolean },
  info: { cashierName: string; total: number; overridePin: string | null },
): Promise<'server' | 'local'> {
  const headers: Record<string, string> = info.overridePin ? { 'X-Override-Pin': info.overridePin } : {};
  try {
    if (cart.resumed)
      await api(`/sales/${cart.id}`, {
        method: 'PATCH',
        body: { lines: saleLines(cart), cartDiscount: cart.cartDiscount ?? null },
        headers,
      });
    else
      await api('/sales/open', {
        method: 'POST',
        body: {
          id: cart.id,
          lines: saleLines(cart),
          ...(cart.cartDiscount ? { cartDiscount: cart.cartDiscount } : {}),
        },
        headers,
      });
    await api(`/sales/${cart.id}/park`, { method: 'POST' });
    return 'server';
  } catch (err) {
    if (!isOffline(err)) throw err;
    await db.parked.put({
      id: cart.id,
      parkedAt: new Date().toISOString(),
      cashierName: info.cashierName,
      label: '',
      total: info.total,
      cart,
      onServer: false,
    });
    return 'local';
  }
}

export const listServerParked = () => api<{ items: ServerParked[] }>('/parked-sales').then((r) => r.items);

export async function resumeServerSale(id: string): Promise<Cart & { resumed: true }> {
  const sale = await api<{ id: string; lines: SaleLineJson[]; cartDiscount?: PercentOrAmount | null }>(`/sales/${id}/resume`, {
    method: 'POST',
    body: {},
  });
  return {
    id: sale.id,
    resumed: true,
    ...(sale.cartDiscount ? { cartDiscount: sale.cartDiscount } : {}),
    lines: sale.lines
      .filter((l) => l.depositFor === null)
      .map((l) => ({
        id: l.id,
        productId: l.productId,
        variantId: l.variantId,
        qty: l.qty,
        // Discounts and modifiers come back as they were rung up. A price override does not: the
        // manager's approval stayed with the parking register, so it would be refused on completion.
        modifierOptionIds: l.input?.modifierOptionIds ?? [],
        ...(l.input?.discount ? { discount: l.input.discount } : {}),
      })),
  };
}
