import { uuidv7 } from '@opentill/core';
import { inTransaction, type RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import { conflict, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { ProductInput, ProductPatch } from './catalog.schema.js';
import { appendChange } from './change-log.js';
import {
  assertCategory,
  assertDepositProduct,
  assertModifierGroups,
  assertSkuFree,
  assertUnit,
  checkBarcodes,
  checkPrices,
} from './product-checks.js';
import type { ProductRow, ProductView } from './product.presenter.js';
import { findProduct, loadProductViews } from './products.repository.js';
import { assertTaxClassKnown } from './tax-classes.js';
import { insertVariantTree } from './variants.service.js';

/** Prices shown to the caller: the stores they can see. */
export function visibleStores(ctx: RequestContext): string[] | null {
  return ctx.actor!.allStores ? null : [...ctx.actor!.storeIds];
}

export async function productView(ctx: RequestContext, id: string, storeIds: readonly string[] | null = visibleStores(ctx)): Promise<ProductView> {
  const row = await findProduct(ctx, id);
  if (!row) throw notFound('Product');
  return (await loadProductViews(ctx, [row], storeIds))[0]!;
}

export async function createProduct(ctx: RequestContext, input: ProductInput): Promise<ProductView> {
  return inTransaction(ctx, async (tx) => {
    const skus = new Set<string>();
    const sku = async (value: string, field: string) => {
      if (skus.has(value)) throw conflict('sku_taken', `SKU ${value} is used twice`, { field });
      skus.add(value);
      await assertSkuFree(tx, value, field);
    };
    await sku(input.sku, 'body.sku');
    for (const [i, v] of input.variants.entries()) await sku(v.sku, `body.variants.${i}.sku`);
    await assertTaxClassKnown(tx, input.taxClass, 'body.taxClass');
    await assertCategory(tx, input.categoryId, 'body.categoryId');
    await assertDepositProduct(tx, input.depositProductId, 'body.depositProductId');
    await assertModifierGroups(tx, input.modifierGroupIds, 'body.modifierGroupIds');
    assertUnit(input.unit, input.soldByWeight, 'body.unit');
    const seen = new Set<string>();
    const barcodes = await checkBarcodes(tx, input.barcodes.map((b, i) => ({ code: b.code, field: `body.barcodes.${i}.code` })), seen);
    const prices = await checkPrices(tx, input.prices, 'body.prices');

    const now = iso(tx.clock.now());
    const row: ProductRow = {
      id: uuidv7(),
      org_id: tx.actor!.orgId,
      sku: input.sku,
      sku_search: input.sku.toLowerCase(),
      name: input.name,
      name_search: input.name.toLowerCase(),
      description: input.description,
      category_id: input.categoryId,
      tax_class: input.taxClass,
      unit: input.unit,
      sold_by_weight: input.soldByWeight ? 1 : 0,
      image_url: input.imageUrl,
      status: 'active',
      deposit_product_id: input.depositProductId,
      cost_price: input.costPrice,
      created_at: now,
      updated_at: now,
    };
    await tx.db.insertInto('products').values(row).execute();
    await insertVariantTree(tx, row, null, { barcodes, prices });
    for (const [i, v] of input.variants.entries()) {
      await insertVariantTree(tx, row, { ...v, sortOrder: i }, {
        barcodes: await checkBarcodes(tx, v.barcodes.map((b, k) => ({ code: b.code, field: `body.variants.${i}.barcodes.${k}.code` })), seen),
        prices: await checkPrices(tx, v.prices, `body.variants.${i}.prices`),
      });
    }
    await setModifierGroups(tx, row.id, input.modifierGroupIds);
    await appendChange(tx, { type: 'product', id: row.id, op: 'upsert' });
    const after = await productView(tx, row.id, null);
    await recordAudit(tx, { action: 'catalog.product.create', entityType: 'product', entityId: row.id, after });
    return productView(tx, row.id);
  });
}

async function setModifierGroups(tx: RequestContext, productId: string, ids: readonly string[]): Promise<void> {
  await tx.db.deleteFrom('product_modifier_groups').where('product_id', '=', productId).execute();
  if (ids.length === 0) return;
  await tx.db
    .insertInto('product_modifier_groups')
    .values(ids.map((group_id, sort_order) => ({ product_id: productId, group_id, sort_order })))
    .execute();
}

export async function updateProduct(ctx: RequestContext, id: string, patch: ProductPatch): Promise<ProductView> {
  return inTransaction(ctx, async (tx) => {
    const row = await findProduct(tx, id);
    if (!row) throw notFound('Product');
    const before = await productView(tx, id, null);
    if (patch.sku !== undefined) await assertSkuFree(tx, patch.sku, 'body.sku', id);
    if (patch.taxClass !== undefined) await assertTaxClassKnown(tx, patch.taxClass, 'body.taxClass');
    await assertCategory(tx, patch.categoryId, 'body.categoryId');
    if (patch.depositProductId !== undefined) await assertDepositProduct(tx, patch.depositProductId, 'body.depositProductId', id);
    if (patch.modifierGroupIds) await assertModifierGroups(tx, patch.modifierGroupIds, 'body.modifierGroupIds');
    assertUnit(patch.unit ?? row.unit, patch.soldByWeight ?? row.sold_by_weight === 1, patch.unit !== undefined ? 'body.unit' : 'body.soldByWeight');
    await tx.db
      .updateTable('products')
      .set({
        ...(patch.sku !== undefined && { sku: patch.sku, sku_search: patch.sku.toLowerCase() }),
        ...(patch.name !== undefined && { name: patch.name, name_search: patch.name.toLowerCase() }),
        ...(patch.description !== undefined && { description: patch.description }),
        ...(patch.categoryId !== undefined && { category_id: patch.categoryId }),
        ...(patch.taxClass !== undefined && { tax_class: patch.taxClass }),
        ...(patch.unit !== undefined && { unit: patch.unit }),
        ...(patch.soldByWeight !== undefined && { sold_by_weight: patch.soldByWeight ? 1 : 0 }),
        ...(patch.imageUrl !== undefined && { image_url: patch.imageUrl }),
        ...(patch.depositProductId !== undefined && { deposit_product_id: patch.depositProductId }),
        ...(patch.costPrice !== undefined && { cost_price: patch.costPrice }),
        ...(patch.status !== undefined && { status: patch.status }),
        updated_at: iso(tx.clock.now()),
      })
      .where('id', '=', id)
      .execute();
    if (patch.modifierGroupIds) await setModifierGroups(tx, id, patch.modifierGroupIds);
    const status = patch.status ?? row.status;
    await appendChange(tx, { type: 'product', id, op: status === 'archived' ? 'delete' : 'upsert' });
    const after = await productView(tx, id, null);
    const action = patch.status && patch.status !== row.status ? `catalog.product.${patch.status === 'archived' ? 'archive' : 'restore'}` : 'catalog.product.update';
    await recordAudit(tx, { action, entityType: 'product', entityId: id, before, after });
    return productView(tx, id);
  });
}

/** DELETE archives: a product is never hard-deleted (sales reference it). */
export async function archiveProduct(ctx: RequestContext, id: string): Promise<ProductView> {
  return updateProduct(ctx, id, { status: 'archived' });
}
