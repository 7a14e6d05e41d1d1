import { randomInt } from 'node:crypto';
import { uuidv7 } from '@opentill/core';
import type { Selectable } from 'kysely';
import { inTransaction, type RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import type { DevicesTable } from '../../platform/db/schema.js';
import { invalid, notFound } from '../../platform/errors.js';
import { newToken, sha256 } from '../../platform/security/secrets.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findRegister } from '../stores/index.js';

export const PAIRING_CODE_TTL_MS = 10 * 60_000;
// No 0/O/1/I: codes are read off a screen and typed on a register.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

type DeviceRow = Selectable<DevicesTable> & { register_name: string };

export function presentDevice(d: DeviceRow) {
  return {
    id: d.id,
    name: d.name,
    storeId: d.store_id,
    registerId: d.register_id,
    registerName: d.register_name,
    userAgent: d.user_agent,
    pairedAt: d.paired_at,
    lastSeenAt: d.last_seen_at,
    revokedAt: d.revoked_at,
  };
}

export async function createPairingCode(ctx: RequestContext, registerId: string) {
  const register = await findRegister(ctx, registerId);
  if (!register) throw notFound('Register');
  const code = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const now = ctx.clock.now();
  const expiresAt = iso(new Date(now.getTime() + PAIRING_CODE_TTL_MS));
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .insertInto('pairing_codes')
      .values({
        code_hash: sha256(code),
        register_id: register.id,
        store_id: register.store_id,
        created_by: tx.actor!.id,
        created_at: iso(now),
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
    await recordAudit(tx, {
      action: 'device.pairing_code.create',
      storeId: register.store_id,
      entityType: 'register',
      entityId: register.id,
      details: { expiresAt },
    });
  });
  return { code, expiresAt, registerId: register.id, storeId: register.store_id };
}

/** Redeems a pairing code exactly once and creates the device identity for this browser. */
export async function pairDevice(ctx: RequestContext, input: { code: string; name?: string | undefined; userAgent: string }) {
  const now = iso(ctx.clock.now());
  const token = newToken('otd_');
  return inTransaction(ctx, async (tx) => {
    // Single use: the conditional UPDATE claims the code; a second redeemer updates nothing.
    const claimed = await tx.db
      .updateTable('pairing_codes')
      .set({ used_at: now })
      .where('code_hash', '=', sha256(normalizeCode(input.code)))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['register_id', 'store_id'])
      .executeTakeFirst();
    if (!claimed) throw invalid('pairing_code_invalid', 'This pairing code is unknown, used or expired', { field: 'body.code' });
    const register = await tx.db.selectFrom('registers').selectAll().where('id', '=', claimed.register_id).executeTakeFirstOrThrow();
    const store = await tx.db.selectFrom('stores').selectAll().where('id', '=', claimed.store_id).executeTakeFirstOrThrow();
    const id = uuidv7();
    const row = {
      id,
      store_id: claimed.store_id,
      register_id: claimed.register_id,
      name: input.name?.trim() || register.name,
      token_hash: sha256(token),
      user_agent: input.userAgent.slice(0, 300),
      paired_at: now,
      last_seen_at: now,
      revoked_at: null,
    };
    await tx.db.insertInto('devices').values(row).execute();
    const device = presentDevice({ ...row, register_name: register.name });
    await recordAudit(
      { ...tx, deviceId: id, registerId: register.id },
      { action: 'device.pair', orgId: store.org_id, actorName: `device ${row.name}`, storeId: store.id, entityType: 'device', entityId: id, after: device },
    );
    return { deviceToken: token, device, register, store };
  });
}

function deviceQuery(ctx: RequestContext) {
  return ctx.db
    .selectFrom('devices')
    .innerJoin('registers', 'registers.id', 'devices.register_id')
    .innerJoin('stores', 'stores.id', 'devices.store_id')
    .selectAll('devices')
    .select('registers.name as register_name')
    .where('stores.org_id', '=', ctx.actor!.orgId);
}

export async function listDevices(ctx: RequestContext, storeId: string | undefined) {
  const actor = ctx.actor!;
  let q = deviceQuery(ctx);
  if (storeId) q = q.where('devices.store_id', '=', storeId);
  if (!actor.allStores) {
    if (actor.storeIds.length === 0) return [];
    q = q.where('devices.store_id', 'in', actor.storeIds);
  }
  return (await q.orderBy('devices.paired_at', 'desc').execute()).map(presentDevice);
}

export async function findDevice(ctx: RequestContext, id: string) {
  return deviceQuery(ctx).where('devices.id', '=', id).executeTakeFirst();
}

export async function renameDevice(ctx: RequestContext, id: string, name: string) {
  return inTransaction(ctx, async (tx) => {
    const before = await findDevice(tx, id);
    if (!before) throw notFound('Device');
    await tx.db.updateTable('devices').set({ name }).where('id', '=', id).execute();
    const after = { ...before, name };
    await recordAudit(tx, {
      action: 'device.rename',
      storeId: before.store_id,
      entityType: 'device',
      entityId: id,
      before: { name: before.name },
      after: { name },
    });
    return presentDevice(after);
  });
}

/** Revocation is immediate: the device token and every session bound to it stop working. */
export async function revokeDevice(ctx: RequestContext, id: string) {
  return inTransaction(ctx, async (tx) => {
    const before = await findDevice(tx, id);
    if (!before) throw notFound('Device');
    const now = iso(tx.clock.now());
    if (!before.revoked_at) {
      await tx.db.updateTable('devices').set({ revoked_at: now }).where('id', '=', id).execute();
      await tx.db.updateTable('sessions').set({ revoked_at: now }).where('device_id', '=', id).where('revoked_at', 'is', null).execute();
      await recordAudit(tx, {
        action: 'device.revoke',
        storeId: before.store_id,
        entityType: 'device',
        entityId: id,
        before: { revokedAt: null },
        after: { revokedAt: now },
      });
    }
    return presentDevice({ ...before, revoked_at: before.revoked_at ?? now });
  });
}
