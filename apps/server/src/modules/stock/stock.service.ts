import { inTransaction, type RequestContext } from '../../platform/context.js';
import type { NegativeStockPolicy } from '../../platform/db/schema.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findStore } from '../stores/index.js';
import { adjustmentMovements, applyStockMovements, stockLevel } from './stock.repository.js';
import type { AdjustmentInput } from './stock.schema.js';

async function checkLines(tx: RequestContext, lines: AdjustmentInput['lines']): Promise<void> {
  const productIds = [...new Set(lines.map((l) => l.productId))];
  const products = new Set(
    (await tx.db.selectFrom('products').select('id').where('org_id', '=', tx.actor!.orgId).where('id', 'in', productIds).execute()).map((p) => p.id),
  );
  const variantIds = [...new Set(lines.flatMap((l) => (l.variantId ? [l.variantId] : [])))];
  const variants = new Map(
    variantIds.length
      ? (await tx.db.selectFrom('variants').select(['id', 'product_id']).where('org_id', '=', tx.actor!.orgId).where('id', 'in', variantIds).execute()).map(
          (v) => [v.id, v.product_id] as const,
        )
      : [],
  );
  lines.forEach((l, i) => {
    if (!products.has(l.productId)) throw invalid('unknown_product', 'No such product', { field: `body.lines.${i}.productId` });
    if (l.variantId && variants.get(l.variantId) !== l.productId) {
      throw invalid('unknown_variant', 'No such variant of this product', { field: `body.lines.${i}.variantId` });
    }
  });
}

const sameLines = (a: AdjustmentInput['lines'], b: AdjustmentInput['lines']) =>
  a.length === b.length &&
  a.every((l, i) => l.productId === b[i]!.productId && (l.variantId ?? null) === (b[i]!.variantId ?? null) && l.qtyMilli === b[i]!.qtyMilli && l.reason === b[i]!.reason);

/**
 * A manual stock adjustment (shrinkage, breakage, found goods). Idempotent by the client's id: the
 * same adjustment sent again returns the first result (`replayed: true`) and moves nothing; the same
 * id with different lines is refused.
 */
export async function recordAdjustment(ctx: RequestContext, storeId: string, input: AdjustmentInput) {
  return inTransaction(ctx, async (tx) => {
    if (!(await findStore(tx, storeId))) throw notFound('Store');
    const existing = await adjustmentMovements(tx, input.id);
    if (existing.length) {
      const before = existing
        .sort((a, b) => Number(a.ref_line_id) - Number(b.ref_line_id))
        .map((m) => ({ productId: m.product_id, variantId: m.variant_id ?? undefined, qtyMilli: Number(m.qty_milli), reason: m.reason }));
      if (existing[0]!.store_id !== storeId || !sameLines(before, input.lines)) {
        throw conflict('idempotency_key_reused', 'This adjustment id was already used for different lines', { field: 'body.id' });
      }
      return { ...(await present(tx, storeId, input)), negative: [], replayed: true };
    }
    await checkLines(tx, input.lines);
    const result = await applyStockMovements(tx, {
      storeId,
      movements: input.lines.map((l, i) => ({
        productId: l.productId,
        variantId: l.variantId ?? null,
        qtyMilli: l.qtyMilli,
        kind: 'adjustment' as const,
        refType: 'adjustment',
        refId: input.id,
        refLineId: String(i + 1),
        reason: l.reason,
      })),
    });
    const out = { ...(await present(tx, storeId, input)), negative: result.negative, replayed: result.applied === 0 };
    if (result.applied > 0) {
      await recordAudit(tx, { action: 'stock.adjust', storeId, entityType: 'stock_adjustment', entityId: input.id, after: { lines: out.lines } });
    }
    return out;
  });
}

async function present(tx: RequestContext, storeId: string, input: AdjustmentInput) {
  const lines = [];
  for (const l of input.lines) {
    lines.push({ productId: l.productId, variantId: l.variantId ?? null, qtyMilli: l.qtyMilli, reason: l.reason, level: await stockLevel(tx, storeId, l.productId, l.variantId ?? null) });
  }
  return { id: input.id, storeId, lines };
}

export async function setNegativeStockPolicy(ctx: RequestContext, storeId: string, policy: NegativeStockPolicy) {
  return inTransaction(ctx, async (tx) => {
    const store = await findStore(tx, storeId);
    if (!store) throw notFound('Store');
    await tx.db.updateTable('stores').set({ negative_stock_policy: policy }).where('id', '=', storeId).execute();
    await recordAudit(tx, {
      action: 'stock.policy',
      storeId,
      entityType: 'store',
      entityId: storeId,
      before: { negativeStock: store.negative_stock_policy },
      after: { negativeStock: policy },
    });
    return { storeId, negativeStock: policy };
  });
}
