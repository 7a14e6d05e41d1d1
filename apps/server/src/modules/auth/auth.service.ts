import { uuidv7 } from '@opentill/core';
import type { RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import { unauthenticated } from '../../platform/errors.js';
import { newToken, sha256, verifyAgainstDummy, verifySecret } from '../../platform/security/secrets.js';
import { recordAudit } from '../audit/audit.repository.js';
import { loadUserActor } from './actor.repository.js';
import { authenticateDevice } from './authenticate.js';
import { checkPinOnRegister } from './pin.service.js';

export interface SessionGrant {
  token: string;
  sessionId: string;
  expiresAt: string;
  userId: string;
}

async function createSession(
  ctx: RequestContext,
  input: { userId: string; kind: 'backoffice' | 'register'; ttlMs: number; storeId?: string; registerId?: string; deviceId?: string },
): Promise<SessionGrant> {
  const now = ctx.clock.now();
  const token = newToken();
  const id = uuidv7(now.getTime());
  const expiresAt = iso(new Date(now.getTime() + input.ttlMs));
  await ctx.db
    .insertInto('sessions')
    .values({
      id,
      token_hash: sha256(token),
      user_id: input.userId,
      kind: input.kind,
      store_id: input.storeId ?? null,
      register_id: input.registerId ?? null,
      device_id: input.deviceId ?? null,
      created_at: iso(now),
      expires_at: expiresAt,
      revoked_at: null,
    })
    .execute();
  return { token, sessionId: id, expiresAt, userId: input.userId };
}

/** Back-office login with e-mail and password. Unknown e-mail and wrong password look the same. */
export async function loginWithPassword(
  ctx: RequestContext,
  input: { email: string; password: string; ttlMs: number },
): Promise<SessionGrant> {
  const email = input.email.trim().toLowerCase();
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'org_id', 'name', 'password_hash', 'active'])
    .where('email', '=', email)
    .executeTakeFirst();
  const ok =
    user?.password_hash && user.active === 1
      ? await verifySecret(input.password, user.password_hash)
      : await verifyAgainstDummy(input.password);
  if (!user || !ok) {
    await recordAudit(ctx, {
      action: 'auth.login',
      outcome: 'failure',
      orgId: user?.org_id ?? '',
      actorName: email,
      actorUserId: user?.id ?? null,
      details: { reason: 'invalid_credentials' },
    });
    throw unauthenticated('invalid_credentials', 'E-mail or password is wrong');
  }
  const grant = await createSession(ctx, { userId: user.id, kind: 'backoffice', ttlMs: input.ttlMs });
  await recordAudit(ctx, {
    action: 'auth.login',
    orgId: user.org_id,
    actorName: user.name,
    actorUserId: user.id,
    entityType: 'session',
    entityId: grant.sessionId,
  });
  return grant;
}

/** Register login: a staff PIN on a paired, non-revoked device, for a user of that device's store. */
export async function loginWithPin(
  ctx: RequestContext,
  input: { deviceToken: string | undefined; pin: string; pepper: string; ttlMs: number },
): Promise<SessionGrant & { storeId: string; registerId: string; deviceId: string }> {
  const device = await authenticateDevice(ctx, input.deviceToken);
  const deviceCtx = { ...ctx, deviceId: device.id, registerId: device.register_id };
  const store = await ctx.db.selectFrom('stores').select(['org_id']).where('id', '=', device.store_id).executeTakeFirstOrThrow();
  const match = await checkPinOnRegister(deviceCtx, {
    orgId: store.org_id,
    register: { id: device.register_id, store_id: device.store_id },
    pin: input.pin,
    pepper: input.pepper,
    purpose: 'login',
  });
  const grant = await createSession(deviceCtx, {
    userId: match.userId,
    kind: 'register',
    ttlMs: input.ttlMs,
    storeId: device.store_id,
    registerId: device.register_id,
    deviceId: device.id,
  });
  await recordAudit(deviceCtx, {
    action: 'auth.pin_login',
    orgId: store.org_id,
    storeId: device.store_id,
    actorName: match.name,
    actorUserId: match.userId,
    entityType: 'session',
    entityId: grant.sessionId,
  });
  return { ...grant, storeId: device.store_id, registerId: device.register_id, deviceId: device.id };
}

export async function logout(ctx: RequestContext): Promise<void> {
  if (!ctx.session) return;
  await ctx.db
    .updateTable('sessions')
    .set({ revoked_at: iso(ctx.clock.now()) })
    .where('id', '=', ctx.session.id)
    .execute();
  await recordAudit(ctx, {
    action: 'auth.logout',
    storeId: ctx.session.storeId,
    entityType: 'session',
    entityId: ctx.session.id,
  });
}

/** Revokes every live session of a user (password reset, deactivation). */
export async function revokeUserSessions(ctx: RequestContext, userId: string): Promise<void> {
  await ctx.db
    .updateTable('sessions')
    .set({ revoked_at: iso(ctx.clock.now()) })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export { loadUserActor };
