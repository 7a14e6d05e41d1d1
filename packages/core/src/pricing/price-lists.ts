import type { CatalogView, ListPrice } from './types.js';

/** A price list, e.g. "staff" prices or a wholesale customer group. Prices in the store's price mode. */
export interface PriceList {
  readonly id: string;
  /** Groups the list applies to; absent = everyone. */
  readonly customerGroups?: readonly string[];
  /** Higher wins; ties: lower price, then list id. Default 0. */
  readonly priority?: number;
  readonly prices: readonly {
    readonly productId: string;
    readonly variantId?: string;
    readonly unitPrice: number;
  }[];
}

/**
 * A `CatalogView` over in-memory price lists. Within a list a variant-specific entry beats a
 * product-wide one; across lists the highest priority wins, then the lowest price, then list id.
 */
export function priceListCatalog(lists: readonly PriceList[]): CatalogView {
  return {
    listPrice({ productId, variantId, customerGroup }) {
      let best: (ListPrice & { priority: number }) | undefined;
      for (const list of lists) {
        if (
          list.customerGroups &&
          (customerGroup === undefined || !list.customerGroups.includes(customerGroup))
        )
          continue;
        const entry =
          (variantId !== undefined
            ? list.prices.find((p) => p.productId === productId && p.variantId === variantId)
            : undefined) ?? list.prices.find((p) => p.productId === productId && p.variantId === undefined);
        if (!entry) continue;
        const candidate = { unitPrice: entry.unitPrice, priceListId: list.id, priority: list.priority ?? 0 };
        if (
          !best ||
          candidate.priority > best.priority ||
          (candidate.priority === best.priority &&
            (candidate.unitPrice < best.unitPrice ||
              (candidate.unitPrice === best.unitPrice && candidate.priceListId < best.priceListId)))
        ) {
          best = candidate;
        }
      }
      return best && { unitPrice: best.unitPrice, priceListId: best.priceListId };
    },
  };
}
