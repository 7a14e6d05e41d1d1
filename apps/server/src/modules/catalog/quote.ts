import { PricingError, cashRoundingFor, priceBasket, utcOffsetMinutes, type BasketLineInput, type LineModifier, type PricingInput } from '@opentill/core';
import type { RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import type { StoreRow } from '../stores/stores.repository.js';
import type { QuoteInput } from './catalog.schema.js';
import { ancestorsOf } from './categories.js';
import { resolveCode } from './lookup.query.js';
import { pricedProducts } from './priced-products.js';
import { toCorePromotion } from './promotions.js';
import { catalogReference, promotionsAt } from './reference-cache.js';
import { unknownTaxClassForStore } from './tax-classes.js';

/**
 * POST /pricing/quote: loads prices, taxes and promotions of the store, builds the core's
 * PricingInput and runs `priceBasket` — the computation the register and checkout run too.
 */

const lineField = (i: number, key: string) => `body.lines.${i}.${key}`;
const missing = (what: string, field: string) => new AppError('not_found', 'not_found', `${what} not found`, { field });

export interface BuiltQuote {
  input: PricingInput;
  names: Map<string, string>;
  /** Core line index → request line index (null: a deposit line the server added). */
  origin: (number | null)[];
}

/** Turns a quote request into the core's PricingInput (exported so tests can compare with the core). */
export async function buildPricingInput(ctx: RequestContext, store: StoreRow, body: QuoteInput): Promise<BuiltQuote> {
  const at = body.at ? new Date(body.at) : ctx.clock.now();
  const resolved = await Promise.all(body.lines.map((l, i) => (l.code ? resolveCode(ctx, store, l.code, lineField(i, 'code')) : null)));
  const productIds = body.lines.map((l, i) => l.productId ?? resolved[i]!.productId);
  // The sequence first: data loaded after it is at least that fresh (see priced-products.ts).
  const reference = await catalogReference(ctx, store);
  const priced = await pricedProducts(ctx, store, reference.seq, productIds);
  const depositIds = [...priced.values()].flatMap((p) => (p.product.deposit_product_id ? [p.product.deposit_product_id] : []));
  for (const [id, d] of await pricedProducts(ctx, store, reference.seq, depositIds)) priced.set(id, d);
  const products = new Map([...priced].map(([id, p]) => [id, p.product]));
  const variants = new Map([...priced.values()].flatMap((p) => p.variants.map((v) => [v.id, v] as const)));
  const priceOf = (productId: string, variantId: string | null) => {
    const prices = priced.get(productId)?.prices;
    return prices?.get(variantId ?? '') ?? (variantId ? prices?.get('') : undefined);
  };
  const optionIds = [...new Set(body.lines.flatMap((l) => l.modifierOptionIds))];
  const optionRows = optionIds.length
    ? await ctx.db
        .selectFrom('modifier_options as o')
        .innerJoin('product_modifier_groups as pg', 'pg.group_id', 'o.group_id')
        .select(['o.id', 'o.name', 'o.price_delta', 'pg.product_id'])
        .where('o.id', 'in', optionIds)
        .where('o.active', '=', 1)
        .execute()
    : [];
  const options = new Map(optionRows.map((o) => [`${o.product_id}/${o.id}`, o]));
  const categories = reference.categories;
  const taxClasses = reference.taxClasses;
  const rateOf = (code: string, field: string) => {
    const tc = taxClasses.find((c) => c.code === code);
    if (!tc) throw unknownTaxClassForStore(code, store.country, field);
    return tc.rateBp;
  };

  const lines: BasketLineInput[] = [];
  const origin: (number | null)[] = [];
  const names = new Map<string, string>();
  for (const [i, l] of body.lines.entries()) {
    const r = resolved[i];
    const field = (k: string) => lineField(i, r ? 'code' : k);
    const product = products.get(productIds[i]!);
    if (!product) throw missing('Product', field('productId'));
    if (product.status !== 'active') throw conflict('product_archived', `${product.name} is archived`, { field: field('productId') });
    const variantId = l.variantId ?? r?.variantId ?? null;
    const variant = variantId ? variants.get(variantId) : undefined;
    if (variantId && (!variant || variant.product_id !== product.id)) throw missing('Variant', lineField(i, 'variantId'));
    if (variant && variant.status !== 'active') throw conflict('product_archived', `${variant.name} is archived`, { field: lineField(i, 'variantId') });
    if (!variant && [...variants.values()].some((v) => v.product_id === product.id && v.status === 'active')) {
      throw invalid('variant_required', `Choose a variant of ${product.name}`, { field: lineField(i, 'variantId') });
    }
    const qty = l.qty ?? r?.quantity ?? (product.sold_by_weight ? null : 1000);
    if (qty === null) throw invalid('quantity_required', `${product.name} is sold by weight: give qty in grams`, { field: lineField(i, 'qty') });
    if (product.unit === 'piece' && qty % 1000 !== 0) throw invalid('fractional_quantity', 'Pieces are sold in whole units (qty in multiples of 1000)', { field: lineField(i, 'qty') });
    const unitPrice = r?.embeddedPrice ?? priceOf(product.id, variantId);
    if (unitPrice === undefined) throw invalid('no_price', `${product.name} has no price in this store`, { field: field('productId') });
    const modifiers: LineModifier[] = l.modifierOptionIds.map((optionId, k) => {
      const o = options.get(`${product.id}/${optionId}`);
      if (!o) throw invalid('unknown_modifier', 'Not a modifier option of this product', { field: lineField(i, `modifierOptionIds.${k}`) });
      return { id: o.id, name: o.name, priceDelta: o.price_delta };
    });
    const id = l.id ?? `L${i + 1}`;
    names.set(id, variant ? `${product.name} ${variant.name}` : product.name);
    lines.push({
      id,
      productId: product.id,
      ...(variantId && { variantId }),
      categoryIds: ancestorsOf(product.category_id, categories),
      unitPrice,
      milliQty: qty,
      taxRateBp: rateOf(product.tax_class, field('productId')),
      ...(l.discount && { discount: l.discount }),
      ...(l.priceOverride !== undefined && { priceOverride: l.priceOverride }),
      ...(modifiers.length > 0 && { modifiers }),
    });
    origin.push(i);
    const deposit = product.deposit_product_id ? products.get(product.deposit_product_id) : undefined;
    if (deposit) {
      const depositPrice = priceOf(deposit.id, null);
      if (depositPrice === undefined) throw invalid('no_price', `The deposit ${deposit.name} has no price in this store`, { field: field('productId') });
      const depositId = `${id}:deposit`;
      names.set(depositId, deposit.name);
      lines.push({ id: depositId, productId: deposit.id, unitPrice: depositPrice, milliQty: Math.ceil(qty / 1000) * 1000, taxRateBp: rateOf(deposit.tax_class, field('productId')), depositFor: id });
      origin.push(null);
    }
  }
  const promotions = promotionsAt(reference, iso(at));
  const input: PricingInput = {
    settings: {
      currency: store.currency,
      priceMode: store.country === 'US' ? 'net' : 'gross',
      vatRounding: 'per_receipt',
      cashRounding: cashRoundingFor(store.country),
      taxRatesBp: [...new Set(taxClasses.map((c) => c.rateBp))],
    },
    lines,
    ...(body.cartDiscount && { cartDiscount: body.cartDiscount }),
    ...(body.coupons.length > 0 && { couponCodes: body.coupons }),
    ...(body.customerGroup && { customerGroup: body.customerGroup }),
    now: { iso: at.toISOString(), utcOffsetMinutes: utcOffsetMinutes(store.time_zone, at) },
    promotions: promotions.map(toCorePromotion),
  };
  return { input, names, origin };
}

/** Maps a core field path (`lines[3].unitPrice`) onto the request body. */
function requestField(field: string, origin: (number | null)[]): string {
  const m = /^lines\[(\d+)\](?:\.(.*))?$/.exec(field);
  if (m) {
    const i = origin[Number(m[1])];
    return i === null || i === undefined ? 'body.lines' : `body.lines.${i}${m[2] ? `.${m[2].replace(/\[(\d+)\]/g, '.$1')}` : ''}`;
  }
  return `body.${field.replace(/\[(\d+)\]/g, '.$1')}`;
}

export async function quote(ctx: RequestContext, store: StoreRow, body: QuoteInput) {
  const built = await buildPricingInput(ctx, store, body);
  try {
    const basket = priceBasket(built.input);
    return {
      storeId: store.id,
      at: built.input.now && 'iso' in built.input.now ? built.input.now.iso : null,
      ...basket,
      lines: basket.lines.map((l, k) => ({ ...l, name: built.names.get(l.id) ?? '', requestIndex: built.origin[k] ?? null })),
    };
  } catch (err) {
    if (err instanceof PricingError) throw invalid(err.code, err.message, { field: requestField(err.field, built.origin) });
    throw err;
  }
}
