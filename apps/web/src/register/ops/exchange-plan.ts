// An exchange: returned lines of the original (a credit) and new items in one document. The balance
// is what the customer pays (positive) or gets back (negative), exactly the server's document total.
import { uuidv7 } from '@opentill/core';
import type { ExchangeBody, ProductHit } from '../../lib/api/register-ops-endpoints';
import type { DocumentNumber } from './document-number';
import type { RefundPick } from './refund-plan';

/** New items picked by product id → milli-units. */
export type NewItems = Readonly<Record<string, number>>;

/**
 * Products the exchange screen can add by tapping: plain pieces with a price in this store.
 * Variants and weighed goods need the sell screen's pickers.
 */
export function exchangeable(p: ProductHit, storeId: string): boolean {
  return p.status === 'active' && !p.soldByWeight && p.variants.length === 0 && p.prices.some((x) => x.storeId === storeId && x.variantId === null);
}

/** Customer pays (positive) or gets back (negative): new items' payable minus the returns' credit. */
export function exchangeBalance(credit: number, payable: number): number {
  return payable - credit;
}

export function exchangeBody(opts: { id: string; number: DocumentNumber; returns: RefundPick; items: NewItems; balance: number }): ExchangeBody {
  return {
    id: opts.id,
    registerSeq: opts.number.registerSeq,
    receiptNo: opts.number.receiptNo,
    returns: Object.entries(opts.returns)
      .filter(([, qty]) => qty > 0)
      .map(([originalLineId, qty]) => ({ id: uuidv7(), originalLineId, qty })),
    lines: Object.entries(opts.items)
      .filter(([, qty]) => qty > 0)
      .map(([productId, qty]) => ({ id: uuidv7(), productId, qty })),
    // Even exchanges settle without money; otherwise cash moves one way or the other.
    payments: opts.balance === 0 ? [] : [{ id: uuidv7(), tender: 'cash', amount: opts.balance }],
    totals: { total: opts.balance },
  };
}
