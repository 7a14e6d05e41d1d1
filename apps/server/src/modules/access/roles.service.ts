import { uuidv7 } from '@opentill/core';
import type { z } from 'zod';
import { inTransaction, type RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { newToken, sha256 } from '../../platform/security/secrets.js';
import { recordAudit } from '../audit/audit.repository.js';
import { API_KEY_PREFIX } from '../auth/authenticate.js';
import { canSeeStore } from '../../platform/context.js';
import { findRole, presentRole } from './users.repository.js';
import type { apiKeyBody, roleBody, rolePatch } from './users.schema.js';

function assertHolds(ctx: RequestContext, permissions: string[]) {
  const missing = permissions.filter((p) => !ctx.actor!.permissions.has(p as never));
  if (missing.length) throw forbidden('privilege_escalation', 'You cannot grant permissions you do not hold', { missing });
}

export async function listRoles(ctx: RequestContext) {
  const rows = await ctx.db.selectFrom('roles').selectAll().where('org_id', '=', ctx.actor!.orgId).orderBy('name').execute();
  return rows.map(presentRole);
}

async function assertNameFree(ctx: RequestContext, name: string, exceptId?: string) {
  const clash = await ctx.db.selectFrom('roles').select('id').where('org_id', '=', ctx.actor!.orgId).where('name', '=', name).executeTakeFirst();
  if (clash && clash.id !== exceptId) throw conflict('role_name_taken', `A role named "${name}" exists`, { field: 'body.name' });
}

export async function createRole(ctx: RequestContext, input: z.infer<typeof roleBody>) {
  assertHolds(ctx, input.permissions);
  return inTransaction(ctx, async (tx) => {
    await assertNameFree(tx, input.name);
    const now = iso(tx.clock.now());
    const row = { id: uuidv7(), org_id: tx.actor!.orgId, builtin_key: null, name: input.name, permissions: JSON.stringify([...new Set(input.permissions)].sort()), created_at: now, updated_at: now };
    await tx.db.insertInto('roles').values(row).execute();
    await recordAudit(tx, { action: 'role.create', entityType: 'role', entityId: row.id, after: presentRole(row) });
    return presentRole(row);
  });
}

export async function updateRole(ctx: RequestContext, id: string, patch: z.infer<typeof rolePatch>) {
  if (patch.permissions) assertHolds(ctx, patch.permissions);
  return inTransaction(ctx, async (tx) => {
    const before = await findRole(tx, id);
    if (!before) throw notFound('Role');
    if (before.builtin_key) throw forbidden('builtin_role', 'Built-in roles cannot be changed; create a custom role');
    if (patch.name) await assertNameFree(tx, patch.name, id);
    const after = {
      ...before,
      ...(patch.name && { name: patch.name }),
      ...(patch.permissions && { permissions: JSON.stringify([...new Set(patch.permissions)].sort()) }),
      updated_at: iso(tx.clock.now()),
    };
    await tx.db.updateTable('roles').set({ name: after.name, permissions: after.permissions, updated_at: after.updated_at }).where('id', '=', id).execute();
    await recordAudit(tx, { action: 'role.update', entityType: 'role', entityId: id, before: presentRole(before), after: presentRole(after) });
    return presentRole(after);
  });
}

function presentApiKey(k: { id: string; name: string; prefix: string; permissions: string; all_stores: number; store_ids: string; created_at: string; last_used_at: string | null; revoked_at: string | null }) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    permissions: JSON.parse(k.permissions) as string[],
    allStores: k.all_stores === 1,
    storeIds: JSON.parse(k.store_ids) as string[],
    createdAt: k.created_at,
    lastUsedAt: k.last_used_at,
    revokedAt: k.revoked_at,
  };
}

export async function listApiKeys(ctx: RequestContext) {
  const rows = await ctx.db.selectFrom('api_keys').selectAll().where('org_id', '=', ctx.actor!.orgId).orderBy('created_at', 'desc').execute();
  return rows.map(presentApiKey);
}

/** The secret is returned once; only its SHA-256 is stored. */
export async function createApiKey(ctx: RequestContext, input: z.infer<typeof apiKeyBody>) {
  assertHolds(ctx, input.permissions);
  const actor = ctx.actor!;
  if (input.allStores && !actor.allStores) throw forbidden('privilege_escalation', 'You cannot grant access to all stores');
  const foreign = input.storeIds.filter((s) => !canSeeStore(actor, s));
  if (foreign.length) throw forbidden('store_forbidden', 'You cannot grant access to stores you cannot see', { storeIds: foreign });
  const secret = newToken(API_KEY_PREFIX);
  return inTransaction(ctx, async (tx) => {
    const row = {
      id: uuidv7(),
      org_id: actor.orgId,
      name: input.name,
      prefix: secret.slice(0, 10),
      secret_hash: sha256(secret),
      permissions: JSON.stringify([...new Set(input.permissions)].sort()),
      all_stores: input.allStores ? 1 : 0,
      store_ids: JSON.stringify(input.allStores ? [] : [...new Set(input.storeIds)]),
      created_by: actor.id,
      created_at: iso(tx.clock.now()),
      last_used_at: null,
      revoked_at: null,
    } as const;
    await tx.db.insertInto('api_keys').values(row).execute();
    const key = presentApiKey(row);
    await recordAudit(tx, { action: 'apikey.create', entityType: 'api_key', entityId: row.id, after: key });
    return { ...key, secret };
  });
}

export async function revokeApiKey(ctx: RequestContext, id: string) {
  return inTransaction(ctx, async (tx) => {
    const row = await tx.db.selectFrom('api_keys').selectAll().where('id', '=', id).where('org_id', '=', tx.actor!.orgId).executeTakeFirst();
    if (!row) throw notFound('API key');
    const now = iso(tx.clock.now());
    if (!row.revoked_at) {
      await tx.db.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', id).execute();
      await recordAudit(tx, { action: 'apikey.revoke', entityType: 'api_key', entityId: id });
    }
    return presentApiKey({ ...row, revoked_at: row.revoked_at ?? now });
  });
}
