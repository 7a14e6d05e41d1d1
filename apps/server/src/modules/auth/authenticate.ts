import type { FastifyRequest } from 'fastify';
import type { Actor, RequestContext, SessionInfo } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import { unauthenticated } from '../../platform/errors.js';
import { assertSameOrigin } from '../../platform/http/security.js';
import { sha256 } from '../../platform/security/secrets.js';
import { ACTOR_COLUMNS, parsePermissions, storeIdsOf, userActor } from './actor.repository.js';
import { preparedQuery } from '../../platform/db/prepared-query.js';

export const SESSION_COOKIE = 'opentill_session';
export const API_KEY_PREFIX = 'otk_';

function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m) throw unauthenticated('invalid_authorization', 'Authorization header must be "Bearer <token>"');
  return m[1];
}

export function deviceTokenOf(request: FastifyRequest): string | undefined {
  const v = request.headers['x-device-token'];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export interface DeviceRow {
  id: string;
  store_id: string;
  register_id: string;
  name: string;
  revoked_at: string | null;
  last_seen_at: string;
}

const deviceRequired = () => unauthenticated('device_required', 'This request must come from a paired register (X-Device-Token)');

/** Resolves X-Device-Token to a live device; a revoked or unknown device is refused. */
export async function authenticateDevice(ctx: RequestContext, token: string | undefined): Promise<DeviceRow> {
  if (!token) throw deviceRequired();
  const device = await ctx.db
    .selectFrom('devices')
    .select(['id', 'store_id', 'register_id', 'name', 'revoked_at', 'last_seen_at'])
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  return checkDevice(ctx, device);
}

async function checkDevice(ctx: RequestContext, device: DeviceRow | undefined): Promise<DeviceRow> {
  if (!device) throw unauthenticated('device_unknown', 'This device is not paired');
  if (device.revoked_at) throw unauthenticated('device_revoked', 'This device was revoked; pair it again');
  const now = ctx.clock.now();
  // Throttled so a busy register doesn't write on every request.
  if (now.getTime() - Date.parse(device.last_seen_at) > 60_000) {
    await ctx.db
      .updateTable('devices')
      .set({ last_seen_at: iso(now) })
      .where('id', '=', device.id)
      .execute();
  }
  return device;
}

async function fromApiKey(ctx: RequestContext, token: string): Promise<Actor> {
  const key = await ctx.db
    .selectFrom('api_keys')
    .selectAll()
    .where('secret_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!key || key.revoked_at) throw unauthenticated('invalid_api_key', 'API key is unknown or revoked');
  const now = ctx.clock.now();
  if (!key.last_used_at || now.getTime() - Date.parse(key.last_used_at) > 60_000) {
    await ctx.db
      .updateTable('api_keys')
      .set({ last_used_at: iso(now) })
      .where('id', '=', key.id)
      .execute();
  }
  return {
    kind: 'api_key',
    id: key.id,
    orgId: key.org_id,
    name: `API key ${key.name}`,
    userId: null,
    apiKeyId: key.id,
    roleKey: null,
    permissions: new Set(parsePermissions(key.permissions)),
    allStores: key.all_stores === 1,
    storeIds: JSON.parse(key.store_ids) as string[],
  };
}

const sessionWithUserAndDevice = preparedQuery(
  (db, p: { deviceHash: string; tokenHash: string }) =>
    db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .innerJoin('roles', 'roles.id', 'users.role_id')
      .leftJoin('devices', (join) => join.on('devices.token_hash', '=', p.deviceHash))
      .select([
        'sessions.id',
        'sessions.kind',
        'sessions.store_id',
        'sessions.register_id',
        'sessions.device_id',
        'sessions.user_id',
        'sessions.revoked_at',
        'sessions.expires_at',
        ...ACTOR_COLUMNS,
        'devices.id as d_id',
        'devices.store_id as d_store_id',
        'devices.register_id as d_register_id',
        'devices.name as d_name',
        'devices.revoked_at as d_revoked_at',
        'devices.last_seen_at as d_last_seen_at',
      ])
      .where('sessions.token_hash', '=', p.tokenHash),
  (p) => [p.deviceHash, p.tokenHash],
);

async function fromSession(
  ctx: RequestContext,
  token: string,
  request: FastifyRequest,
): Promise<{ actor: Actor; session: SessionInfo } | null> {
  // One statement for the session, its user and role, and the calling device (every register request
  // pays for authentication, so it is one round trip, not four); store assignments only when needed.
  const deviceToken = deviceTokenOf(request);
  const row = (
    await sessionWithUserAndDevice(ctx.db, {
      deviceHash: deviceToken ? sha256(deviceToken) : '',
      tokenHash: sha256(token),
    })
  )[0];
  const now = iso(ctx.clock.now());
  if (!row || row.revoked_at || row.expires_at <= now) return null;
  if (row.kind === 'register') {
    if (!deviceToken) throw deviceRequired();
    const device = await checkDevice(
      ctx,
      row.d_id
        ? {
            id: row.d_id,
            store_id: row.d_store_id!,
            register_id: row.d_register_id!,
            name: row.d_name!,
            revoked_at: row.d_revoked_at,
            last_seen_at: row.d_last_seen_at!,
          }
        : undefined,
    );
    if (device.id !== row.device_id)
      throw unauthenticated('device_mismatch', 'Session belongs to another device');
  }
  if (row.active !== 1) throw unauthenticated('user_inactive', 'This account is deactivated');
  const actor = userActor(row, row.all_stores === 1 ? [] : await storeIdsOf(ctx.db, row.user_id));
  return {
    actor,
    session: {
      id: row.id,
      kind: row.kind,
      storeId: row.store_id,
      registerId: row.register_id,
      deviceId: row.device_id,
    },
  };
}

/**
 * Fills ctx.actor/ctx.session from a bearer token, an API key or the session cookie. Requests with no
 * credentials stay anonymous (public routes); a bad credential is always an error, never anonymous.
 */
export async function authenticate(ctx: RequestContext, request: FastifyRequest): Promise<RequestContext> {
  const token = bearer(request);
  if (token?.startsWith(API_KEY_PREFIX)) return { ...ctx, actor: await fromApiKey(ctx, token) };
  if (token) {
    const found = await fromSession(ctx, token, request);
    if (!found) throw unauthenticated('session_expired', 'Your session has ended; log in again');
    return { ...ctx, ...found, deviceId: found.session.deviceId, registerId: found.session.registerId };
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) {
    // A stale cookie leaves the request anonymous (public routes keep working; others answer 401).
    const found = await fromSession(ctx, cookie, request);
    if (!found) return ctx;
    assertSameOrigin(request);
    return { ...ctx, ...found, deviceId: found.session.deviceId, registerId: found.session.registerId };
  }
  return ctx;
}
