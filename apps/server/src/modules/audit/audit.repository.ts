import { uuidv7 } from '@opentill/core';
import type { RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';

export interface AuditInput {
  action: string;
  storeId?: string | null;
  entityType?: string;
  entityId?: string;
  before?: unknown;
  after?: unknown;
  details?: unknown;
  outcome?: 'success' | 'failure';
  /** For events before anyone is authenticated (failed logins, PIN attempts). */
  orgId?: string;
  actorName?: string;
  actorUserId?: string | null;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/**
 * Append-only: this module only ever inserts. Written through ctx.db, so an audited change and its
 * audit record commit or roll back together.
 */
export async function recordAudit(ctx: RequestContext, input: AuditInput): Promise<void> {
  const actor = ctx.actor;
  await ctx.db
    .insertInto('audit_log')
    .values({
      id: uuidv7(ctx.clock.now().getTime()),
      org_id: input.orgId ?? actor?.orgId ?? '',
      store_id: input.storeId ?? null,
      at: iso(ctx.clock.now()),
      actor_user_id: input.actorUserId !== undefined ? input.actorUserId : (actor?.userId ?? null),
      actor_name: input.actorName ?? actor?.name ?? 'anonymous',
      approver_user_id: ctx.approver?.userId ?? null,
      api_key_id: actor?.apiKeyId ?? null,
      register_id: ctx.registerId,
      device_id: ctx.deviceId,
      ip: ctx.ip,
      request_id: ctx.requestId,
      action: input.action,
      outcome: input.outcome ?? 'success',
      entity_type: input.entityType ?? null,
      entity_id: input.entityId ?? null,
      before: json(input.before),
      after: json(input.after),
      details: json(input.details),
    })
    .execute();
}
