import { uuidv7 } from '@opentill/core';
import type { RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import type { PlannedProduct } from './import-plan.js';
import { domainEvent, publishAfterCommit } from '../../platform/events/index.js';

const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function existingCatalogKeys(ctx: RequestContext) {
  const orgId = ctx.actor!.orgId;
  const products = await ctx.db.selectFrom('products').select(['id', 'sku']).where('org_id', '=', orgId).execute();
  const skuOfProduct = new Map(products.map((p) => [p.id, p.sku]));
  const variants = await ctx.db.selectFrom('variants').select(['id', 'sku', 'product_id']).where('org_id', '=', orgId).execute();
  const barcodes = await ctx.db.selectFrom('barcodes').select(['lookup_key', 'product_id']).where('org_id', '=', orgId).execute();
  const existingSkus = new Map<string, string>(products.map((p) => [p.sku, 'product']));
  for (const v of variants) existingSkus.set(v.sku, `variant:${skuOfProduct.get(v.product_id)}`);
  return {
    productIdBySku: new Map(products.map((p) => [p.sku, p.id])),
    variantIdBySku: new Map(variants.map((v) => [v.sku, v.id])),
    existingSkus,
    existingBarcodes: new Map(barcodes.map((b) => [b.lookup_key, skuOfProduct.get(b.product_id)!])),
  };
}

/** Finds or creates every category path, returning path → id. */
async function ensureCategories(tx: RequestContext, paths: string[][], now: string, changed: string[]): Promise<Map<string, string>> {
  const rows = await tx.db.selectFrom('categories').select(['id', 'parent_id', 'name']).where('org_id', '=', tx.actor!.orgId).execute();
  const key = (parent: string | null, name: string) => `${parent ?? ''}\u0000${name.toLowerCase()}`;
  const byKey = new Map(rows.map((r) => [key(r.parent_id, r.name), r.id]));
  const byPath = new Map<string, string>();
  for (const path of paths) {
    let parent: string | null = null;
    for (const name of path) {
      let id = byKey.get(key(parent, name));
      if (!id) {
        id = uuidv7();
        await tx.db
          .insertInto('categories')
          .values({ id, org_id: tx.actor!.orgId, parent_id: parent, name, sort_order: 0, created_at: now, updated_at: now })
          .execute();
        byKey.set(key(parent, name), id);
        changed.push(id);
      }
      parent = id;
    }
    byPath.set(path.join('/'), parent!);
  }
  return byPath;
}

/** Reserves `count` consecutive change-log numbers in one statement (gap-free, like appendChange). */
async function appendChanges(tx: RequestContext, type: 'product' | 'category', ids: string[], now: string): Promise<void> {
  if (ids.length === 0) return;
  const orgId = tx.actor!.orgId;
  await tx.db.insertInto('catalog_seq').values({ org_id: orgId, value: 0 }).onConflict((oc) => oc.column('org_id').doNothing()).execute();
  const { value } = await tx.db
    .updateTable('catalog_seq')
    .set((eb) => ({ value: eb('value', '+', ids.length) }))
    .where('org_id', '=', orgId)
    .returning('value')
    .executeTakeFirstOrThrow();
  const first = Number(value) - ids.length + 1;
  for (const part of chunks(ids.map((id, i) => ({ org_id: orgId, seq: first + i, entity_type: type, entity_id: id, op: 'upsert' as const, store_id: null, at: now })))) {
    await tx.db.insertInto('catalog_changes').values(part).execute();
  }
  // One hint for the whole batch: registers pull the feed anyway.
  publishAfterCommit(tx, domainEvent(tx, 'catalog.changed', '', { orgId, seq: Number(value), storeId: null }));
}

export interface ApplyResult {
  created: number;
  updated: number;
}

/** Writes a validated plan in bulk, inside the caller's transaction. */
export async function applyPlan(
  tx: RequestContext,
  input: { storeId: string; currency: string; products: PlannedProduct[]; onProgress?: (done: number) => void },
): Promise<ApplyResult> {
  const orgId = tx.actor!.orgId;
  const now = iso(tx.clock.now());
  const keys = await existingCatalogKeys(tx);
  const changedCategories: string[] = [];
  const categories = await ensureCategories(tx, [...new Map(input.products.filter((p) => p.categoryPath.length).map((p) => [p.categoryPath.join('/'), p.categoryPath])).values()], now, changedCategories);
  await appendChanges(tx, 'category', changedCategories, now);

  const productIds: string[] = [];
  let created = 0;
  let updated = 0;
  let done = 0;
  for (const part of chunks(input.products)) {
    const newProducts = [];
    const prices = [];
    const variants = [];
    const barcodes = [];
    for (const p of part) {
      const existingId = keys.productIdBySku.get(p.sku);
      const id = existingId ?? uuidv7();
      productIds.push(id);
      const columns = {
        name: p.name,
        name_search: p.name.toLowerCase(),
        description: p.description,
        category_id: p.categoryPath.length ? categories.get(p.categoryPath.join('/'))! : null,
        tax_class: p.taxClass,
        unit: p.unit,
        sold_by_weight: p.unit === 'piece' ? 0 : 1,
        status: p.status,
        cost_price: p.costPrice,
        updated_at: now,
      } as const;
      if (existingId) {
        await tx.db.updateTable('products').set(columns).where('id', '=', id).execute();
        updated++;
      } else {
        newProducts.push({ id, org_id: orgId, sku: p.sku, sku_search: p.sku.toLowerCase(), image_url: null, deposit_product_id: null, created_at: now, ...columns });
        keys.productIdBySku.set(p.sku, id);
        created++;
      }
      prices.push({ id: uuidv7(), org_id: orgId, store_id: input.storeId, product_id: id, variant_id: null, variant_key: '', price: p.price, currency: input.currency, updated_at: now });
      for (const b of p.barcodes) {
        if (!keys.existingBarcodes.has(b.lookupKey)) barcodes.push({ id: uuidv7(), org_id: orgId, product_id: id, variant_id: null, code: b.code, lookup_key: b.lookupKey, kind: b.kind, created_at: now });
      }
      for (const [i, v] of p.variants.entries()) {
        const existingVariant = keys.variantIdBySku.get(v.sku);
        const variantId = existingVariant ?? uuidv7();
        if (existingVariant) {
          await tx.db.updateTable('variants').set({ name: v.name, options: JSON.stringify(v.options), updated_at: now }).where('id', '=', variantId).execute();
        } else {
          variants.push({ id: variantId, org_id: orgId, product_id: id, sku: v.sku, name: v.name, options: JSON.stringify(v.options), status: 'active' as const, sort_order: i, created_at: now, updated_at: now });
        }
        prices.push({ id: uuidv7(), org_id: orgId, store_id: input.storeId, product_id: id, variant_id: variantId, variant_key: variantId, price: v.price, currency: input.currency, updated_at: now });
        for (const b of v.barcodes) {
          if (!keys.existingBarcodes.has(b.lookupKey)) barcodes.push({ id: uuidv7(), org_id: orgId, product_id: id, variant_id: variantId, code: b.code, lookup_key: b.lookupKey, kind: b.kind, created_at: now });
        }
      }
    }
    if (newProducts.length) await tx.db.insertInto('products').values(newProducts).execute();
    for (const v of chunks(variants)) await tx.db.insertInto('variants').values(v).execute();
    for (const b of chunks(barcodes)) await tx.db.insertInto('barcodes').values(b).execute();
    for (const pr of chunks(prices)) {
      await tx.db
        .insertInto('store_prices')
        .values(pr)
        .onConflict((oc) => oc.columns(['product_id', 'store_id', 'variant_key']).doUpdateSet((eb) => ({ price: eb.ref('excluded.price'), updated_at: eb.ref('excluded.updated_at') })))
        .execute();
    }
    done += part.length;
    input.onProgress?.(done);
  }

  for (const p of input.products.filter((x) => x.depositSku)) {
    await tx.db
      .updateTable('products')
      .set({ deposit_product_id: keys.productIdBySku.get(p.depositSku!)! })
      .where('id', '=', keys.productIdBySku.get(p.sku)!)
      .execute();
  }
  await appendChanges(tx, 'product', productIds, now);
  return { created, updated };
}
