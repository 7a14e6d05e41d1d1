import type { FastifyRequest } from 'fastify';
import { canSeeStore, type RequestContext } from '../../platform/context.js';
import { forbidden, unauthenticated } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Permission } from '../access/permissions.js';
import { loadUserActor } from './actor.repository.js';
import { checkPinOnRegister } from './pin.service.js';

export const OVERRIDE_HEADER = 'x-override-pin';

export function requireActor(ctx: RequestContext): asserts ctx is RequestContext & { actor: NonNullable<RequestContext['actor']> } {
  if (!ctx.actor) throw unauthenticated('unauthenticated', 'Log in first');
}

export function assertStoreAccess(ctx: RequestContext, storeId: string): void {
  requireActor(ctx);
  if (!canSeeStore(ctx.actor, storeId)) throw forbidden('store_forbidden', 'You have no access to this store');
}

/**
 * Checks that the caller may do `permission` (in `storeId`, when the action belongs to a store).
 * When the caller lacks the permission, a manager may approve with their PIN (`X-Override-Pin`):
 * the action still runs as the caller, and the approver is recorded on the context and audited.
 */
export async function authorize(
  request: FastifyRequest,
  permission: Permission,
  opts: { storeId?: string | undefined; pepper: string },
): Promise<RequestContext> {
  const ctx = request.ctx;
  requireActor(ctx);
  if (opts.storeId) assertStoreAccess(ctx, opts.storeId);
  if (ctx.actor.permissions.has(permission)) return ctx;

  const pin = request.headers[OVERRIDE_HEADER];
  if (typeof pin !== 'string' || ctx.actor.kind !== 'user') {
    throw forbidden('permission_denied', `Missing permission ${permission}`, { permission, overridable: ctx.actor.kind === 'user' });
  }
  const storeId = opts.storeId ?? ctx.session?.storeId;
  if (!storeId || !ctx.session?.registerId) {
    throw forbidden('override_unavailable', 'Manager override is only possible on a register', { permission });
  }
  const match = await checkPinOnRegister(ctx, {
    orgId: ctx.actor.orgId,
    register: { id: ctx.session.registerId, store_id: storeId },
    pin,
    pepper: opts.pepper,
    purpose: 'override',
  });
  const approver = await loadUserActor(ctx.db, match.userId);
  if (!approver || !approver.permissions.has(permission) || !canSeeStore(approver, storeId)) {
    await recordAudit(ctx, {
      action: 'auth.manager_override',
      outcome: 'failure',
      storeId,
      details: { permission, approverUserId: match.userId, reason: 'approver_lacks_permission' },
    });
    throw forbidden('override_denied', `${match.name} may not approve ${permission}`, { permission });
  }
  const approved = { ...ctx, approver: { userId: approver.id, name: approver.name } };
  await recordAudit(approved, {
    action: 'auth.manager_override',
    storeId,
    details: { permission, approver: approver.name, route: request.routeOptions.url },
  });
  return approved;
}
