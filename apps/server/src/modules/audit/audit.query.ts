import type { RequestContext } from '../../platform/context.js';
import { forbidden } from '../../platform/errors.js';

export interface AuditFilter {
  storeId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

const parse = (v: string | null) => (v === null ? null : (JSON.parse(v) as unknown));

/** Newest first; the cursor is the last id seen (ids are time-ordered UUIDv7). */
export async function queryAudit(ctx: RequestContext, f: AuditFilter) {
  const actor = ctx.actor!;
  let q = ctx.db.selectFrom('audit_log').selectAll().where('org_id', '=', actor.orgId);
  if (f.storeId) q = q.where('store_id', '=', f.storeId);
  if (!actor.allStores) {
    if (actor.storeIds.length === 0) throw forbidden('store_forbidden', 'You have no store to read the audit log of');
    q = q.where('store_id', 'in', actor.storeIds);
  }
  if (f.actorId) q = q.where('actor_user_id', '=', f.actorId);
  if (f.action) q = f.action.endsWith('.*') ? q.where('action', 'like', `${f.action.slice(0, -1)}%`) : q.where('action', '=', f.action);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.cursor) q = q.where('id', '<', f.cursor);
  const rows = await q.orderBy('id', 'desc').limit(f.limit + 1).execute();
  const page = rows.slice(0, f.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at,
      storeId: r.store_id,
      action: r.action,
      outcome: r.outcome,
      actor: { userId: r.actor_user_id, name: r.actor_name, apiKeyId: r.api_key_id },
      approverUserId: r.approver_user_id,
      registerId: r.register_id,
      deviceId: r.device_id,
      ip: r.ip,
      requestId: r.request_id,
      entity: r.entity_type ? { type: r.entity_type, id: r.entity_id } : null,
      before: parse(r.before),
      after: parse(r.after),
      details: parse(r.details),
    })),
    nextCursor: rows.length > f.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}
