import { iso } from '../../platform/clock.js';
import { inTransaction, type RequestContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { findStore } from '../stores/index.js';
import type { StoreRow } from '../stores/stores.repository.js';
import { validateLogo } from './receipt-logo.js';
import { effectiveTemplate, type EffectiveTemplate } from './receipt-parts.js';
import type { TemplateBody } from './receipts.schema.js';
import { findTemplate, saveTemplate } from './receipts.repository.js';

/** Per-store receipt template: header, footer, logo (PNG) and language. */

export function presentTemplate(storeId: string, t: EffectiveTemplate, updatedAt: string | null) {
  return { storeId, header: t.header, footer: t.footer, logoPng: t.logoPng, language: t.language, saved: t.saved, updatedAt };
}

export async function storeFor(ctx: RequestContext, storeId: string): Promise<StoreRow> {
  const store = await findStore(ctx, storeId);
  if (!store) throw notFound('Store');
  return store;
}

export async function getTemplate(ctx: RequestContext, storeId: string) {
  const store = await storeFor(ctx, storeId);
  const row = await findTemplate(ctx, store.id);
  return presentTemplate(store.id, effectiveTemplate(store, row), row?.updated_at ?? null);
}

/** Validates the logo before anything is written: a bad PNG is a 400 and changes nothing. */
export async function putTemplate(ctx: RequestContext, storeId: string, body: TemplateBody) {
  const store = await storeFor(ctx, storeId);
  const logo = body.logoPng ? validateLogo(body.logoPng) : null;
  const now = iso(ctx.clock.now());
  const row = { store_id: store.id, header: body.header, footer: body.footer, logo_png: body.logoPng, language: body.language, updated_at: now, updated_by: ctx.actor?.userId ?? null };
  // The audit keeps the logo's size, not the image itself.
  const summary = (r: { header: string; footer: string; language: string; logo_png: string | null } | undefined) =>
    r && { header: r.header, footer: r.footer, language: r.language, logoBytes: r.logo_png ? Buffer.from(r.logo_png, 'base64').length : null };
  await inTransaction(ctx, async (tx) => {
    const before = await findTemplate(tx, store.id);
    await saveTemplate(tx, row);
    await recordAudit(tx, { action: 'receipts.template.update', storeId: store.id, entityType: 'receipt_template', entityId: store.id, before: summary(before), after: { ...summary(row), logo } });
  });
  return presentTemplate(store.id, effectiveTemplate(store, row), now);
}
