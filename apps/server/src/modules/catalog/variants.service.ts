import { uuidv7 } from '@opentill/core';
import type { z } from 'zod';
import { inTransaction, type RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import { conflict, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { productBarcodeBody, productPriceBody, VariantInput, VariantPatch } from './catalog.schema.js';
import { appendChange } from './change-log.js';
import type { NormalizedBarcode } from './barcode-codes.js';
import { activeProduct, assertSkuFree, checkBarcodes, checkPrices, priceStore, type NewPrice } from './product-checks.js';
import { presentBarcode, presentPrice, presentVariant, type PriceRow, type ProductRow, type VariantRow } from './product.presenter.js';
import { findBarcode, findVariant } from './products.repository.js';

/** Variants, barcodes and store prices: the parts of a product. Each write logs a product change. */

/** Inserts a variant (or, with `variant` null, the product's own barcodes and prices). */
export async function insertVariantTree(
  tx: RequestContext,
  product: ProductRow,
  variant: (Omit<VariantInput, 'barcodes' | 'prices'> & { sortOrder: number }) | null,
  parts: { barcodes: NormalizedBarcode[]; prices: NewPrice[] },
): Promise<VariantRow | null> {
  const now = iso(tx.clock.now());
  let row: VariantRow | null = null;
  if (variant) {
    const name = variant.name || Object.values(variant.options).join(' / ') || variant.sku;
    row = { id: uuidv7(), org_id: product.org_id, product_id: product.id, sku: variant.sku, name, options: JSON.stringify(variant.options), status: 'active', sort_order: variant.sortOrder, created_at: now, updated_at: now };
    await tx.db.insertInto('variants').values(row).execute();
  }
  const variantId = row?.id ?? null;
  if (parts.barcodes.length > 0) {
    await tx.db
      .insertInto('barcodes')
      .values(parts.barcodes.map((b) => ({ id: uuidv7(), org_id: product.org_id, product_id: product.id, variant_id: variantId, code: b.code, lookup_key: b.lookupKey, kind: b.kind, created_at: now })))
      .execute();
  }
  if (parts.prices.length > 0) {
    await tx.db
      .insertInto('store_prices')
      .values(parts.prices.map((p) => ({ id: uuidv7(), org_id: product.org_id, store_id: p.storeId, product_id: product.id, variant_id: variantId, variant_key: variantId ?? '', price: p.price, currency: p.currency, updated_at: now })))
      .execute();
  }
  return row;
}

export async function addVariant(ctx: RequestContext, productId: string, input: VariantInput) {
  return inTransaction(ctx, async (tx) => {
    const product = await activeProduct(tx, productId);
    await assertSkuFree(tx, input.sku, 'body.sku');
    const barcodes = await checkBarcodes(tx, input.barcodes.map((b, i) => ({ code: b.code, field: `body.barcodes.${i}.code` })));
    const prices = await checkPrices(tx, input.prices, 'body.prices');
    const count = await tx.db.selectFrom('variants').select((eb) => eb.fn.countAll<number>().as('n')).where('product_id', '=', productId).executeTakeFirstOrThrow();
    const row = (await insertVariantTree(tx, product, { ...input, sortOrder: Number(count.n) }, { barcodes, prices }))!;
    await appendChange(tx, { type: 'product', id: productId, op: 'upsert' });
    const after = presentVariant(row);
    await recordAudit(tx, { action: 'catalog.variant.create', entityType: 'variant', entityId: row.id, after, details: { productId, barcodes: barcodes.map((b) => b.code), prices } });
    return after;
  });
}

export async function updateVariant(ctx: RequestContext, id: string, patch: VariantPatch) {
  return inTransaction(ctx, async (tx) => {
    const before = await findVariant(tx, id);
    if (!before) throw notFound('Variant');
    await activeProduct(tx, before.product_id, 'params.id');
    if (patch.sku !== undefined) await assertSkuFree(tx, patch.sku, 'body.sku', id);
    await tx.db
      .updateTable('variants')
      .set({
        ...(patch.sku !== undefined && { sku: patch.sku }),
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.options !== undefined && { options: JSON.stringify(patch.options) }),
        ...(patch.status !== undefined && { status: patch.status }),
        updated_at: iso(tx.clock.now()),
      })
      .where('id', '=', id)
      .execute();
    const after = (await findVariant(tx, id))!;
    await appendChange(tx, { type: 'product', id: before.product_id, op: 'upsert' });
    await recordAudit(tx, { action: 'catalog.variant.update', entityType: 'variant', entityId: id, before: presentVariant(before), after: presentVariant(after) });
    return presentVariant(after);
  });
}

export async function addBarcode(ctx: RequestContext, productId: string, input: z.infer<typeof productBarcodeBody>) {
  return inTransaction(ctx, async (tx) => {
    const product = await activeProduct(tx, productId);
    if (input.variantId) {
      const v = await findVariant(tx, input.variantId);
      if (!v || v.product_id !== productId) throw conflict('variant_mismatch', 'The variant belongs to another product', { field: 'body.variantId' });
    }
    const [code] = await checkBarcodes(tx, [{ code: input.code, field: 'body.code' }]);
    const now = iso(tx.clock.now());
    const row = { id: uuidv7(), org_id: product.org_id, product_id: productId, variant_id: input.variantId, code: code!.code, lookup_key: code!.lookupKey, kind: code!.kind, created_at: now };
    await tx.db.insertInto('barcodes').values(row).execute();
    await appendChange(tx, { type: 'product', id: productId, op: 'upsert' });
    await recordAudit(tx, { action: 'catalog.barcode.create', entityType: 'barcode', entityId: row.id, after: presentBarcode(row) });
    return presentBarcode(row);
  });
}

/** A barcode is a lookup key, not a sold thing: removing it is a real delete. */
export async function removeBarcode(ctx: RequestContext, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const before = await findBarcode(tx, id);
    if (!before) throw notFound('Barcode');
    await tx.db.deleteFrom('barcodes').where('id', '=', id).execute();
    await appendChange(tx, { type: 'product', id: before.product_id, op: 'upsert' });
    await recordAudit(tx, { action: 'catalog.barcode.delete', entityType: 'barcode', entityId: id, before: presentBarcode(before) });
  });
}

/** Sets (or with `price: null` removes) the price of a product or variant in one store. */
export async function setPrice(ctx: RequestContext, productId: string, input: z.infer<typeof productPriceBody>) {
  return inTransaction(ctx, async (tx) => {
    const product = await activeProduct(tx, productId);
    const { currency } = await priceStore(tx, input.storeId, 'body.storeId');
    if (input.variantId) {
      const v = await findVariant(tx, input.variantId);
      if (!v || v.product_id !== productId) throw conflict('variant_mismatch', 'The variant belongs to another product', { field: 'body.variantId' });
    }
    const key = input.variantId ?? '';
    const find = () =>
      tx.db.selectFrom('store_prices').selectAll().where('product_id', '=', productId).where('store_id', '=', input.storeId).where('variant_key', '=', key).executeTakeFirst();
    const before = await find();
    const now = iso(tx.clock.now());
    if (input.price === null) {
      if (before) await tx.db.deleteFrom('store_prices').where('id', '=', before.id).execute();
    } else if (before) {
      await tx.db.updateTable('store_prices').set({ price: input.price, currency, updated_at: now }).where('id', '=', before.id).execute();
    } else {
      const row: PriceRow = { id: uuidv7(), org_id: product.org_id, store_id: input.storeId, product_id: productId, variant_id: input.variantId, variant_key: key, price: input.price, currency, updated_at: now };
      await tx.db.insertInto('store_prices').values(row).execute();
    }
    const after = await find();
    await appendChange(tx, { type: 'product', id: productId, op: 'upsert', storeId: input.storeId });
    await recordAudit(tx, {
      action: 'catalog.price.set',
      storeId: input.storeId,
      entityType: 'product',
      entityId: productId,
      before: before ? presentPrice(before) : null,
      after: after ? presentPrice(after) : null,
    });
    return { storeId: input.storeId, variantId: input.variantId, price: after?.price ?? null, currency };
  });
}
