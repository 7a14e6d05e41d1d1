import { uuidv7 } from '@opentill/core';
import type { z } from 'zod';
import { canSeeStore, inTransaction, type RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { hashSecret, pinLookup } from '../../platform/security/secrets.js';
import { recordAudit } from '../audit/audit.repository.js';
import { parsePermissions } from '../auth/actor.repository.js';
import { revokeUserSessions } from '../auth/auth.service.js';
import type { createUserBody, updateUserBody } from './users.schema.js';
import { findRole, findUser, presentUser, type UserRow } from './users.repository.js';

/** Trusted callers (CLI, seeding) skip the privilege-escalation checks that guard the API. */
export interface UserWriteOptions {
  pepper: string;
  trusted?: boolean;
}

/**
 * Least privilege: nobody hands out permissions or stores they don't hold themselves, and nobody edits
 * an account that reaches further than their own.
 */
async function assertCanGrant(ctx: RequestContext, roleId: string, allStores: boolean, storeIds: string[]) {
  const actor = ctx.actor!;
  const role = await findRole(ctx, roleId);
  if (!role) throw invalid('unknown_role', 'Unknown role', { field: 'body.roleId' });
  const missing = parsePermissions(role.permissions).filter((p) => !actor.permissions.has(p));
  if (missing.length > 0) throw forbidden('privilege_escalation', 'You cannot grant permissions you do not hold', { missing });
  if (allStores && !actor.allStores) throw forbidden('privilege_escalation', 'You cannot grant access to all stores');
  const foreign = storeIds.filter((s) => !canSeeStore(actor, s));
  if (foreign.length > 0) throw forbidden('store_forbidden', 'You cannot grant access to stores you cannot see', { storeIds: foreign });
}

async function assertStoresExist(ctx: RequestContext, storeIds: string[]) {
  if (storeIds.length === 0) return;
  const found = await ctx.db.selectFrom('stores').select('id').where('id', 'in', storeIds).where('org_id', '=', ctx.actor!.orgId).execute();
  if (found.length !== new Set(storeIds).size) throw invalid('unknown_store', 'Unknown store', { field: 'body.storeIds' });
}

async function assertCanManage(ctx: RequestContext, target: UserRow) {
  const actor = ctx.actor!;
  if (actor.allStores) return;
  if (target.all_stores === 1) throw forbidden('store_forbidden', 'This account reaches stores you cannot see');
  const links = await ctx.db.selectFrom('user_stores').select('store_id').where('user_id', '=', target.id).execute();
  if (links.some((l) => !canSeeStore(actor, l.store_id))) throw forbidden('store_forbidden', 'This account reaches stores you cannot see');
}

async function pinColumn(ctx: RequestContext, pepper: string, pin: string, exceptUserId?: string) {
  const lookup = pinLookup(pepper, ctx.actor!.orgId, pin);
  const clash = await ctx.db.selectFrom('users').select('id').where('pin_lookup', '=', lookup).executeTakeFirst();
  // PINs identify staff at the register, so they are unique per organisation (as Square passcodes are).
  if (clash && clash.id !== exceptUserId) throw conflict('pin_taken', 'This PIN is already used by another staff member', { field: 'body.pin' });
  return lookup;
}

async function assertEmailFree(ctx: RequestContext, email: string, exceptUserId?: string) {
  const clash = await ctx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (clash && clash.id !== exceptUserId) throw conflict('email_taken', 'This e-mail address is already in use', { field: 'body.email' });
}

export async function createUser(ctx: RequestContext, input: z.infer<typeof createUserBody>, opts: UserWriteOptions) {
  if (input.password && !input.email) throw invalid('email_required', 'A password login needs an e-mail address', { field: 'body.email' });
  if (!input.password && !input.pin) throw invalid('credential_required', 'Give the user a password or a PIN', { field: 'body.pin' });
  const passwordHash = input.password ? await hashSecret(input.password) : null;
  return inTransaction(ctx, async (tx) => {
    if (!opts.trusted) await assertCanGrant(tx, input.roleId, input.allStores, input.storeIds);
    else if (!(await findRole(tx, input.roleId))) throw invalid('unknown_role', 'Unknown role', { field: 'body.roleId' });
    await assertStoresExist(tx, input.storeIds);
    if (input.email) await assertEmailFree(tx, input.email);
    const now = iso(tx.clock.now());
    const row: UserRow = {
      id: uuidv7(),
      org_id: tx.actor!.orgId,
      email: input.email ?? null,
      name: input.name,
      password_hash: passwordHash,
      pin_lookup: input.pin ? await pinColumn(tx, opts.pepper, input.pin) : null,
      role_id: input.roleId,
      all_stores: input.allStores ? 1 : 0,
      active: 1,
      created_at: now,
      updated_at: now,
    };
    await tx.db.insertInto('users').values(row).execute();
    const storeIds = input.allStores ? [] : [...new Set(input.storeIds)];
    if (storeIds.length) await tx.db.insertInto('user_stores').values(storeIds.map((s) => ({ user_id: row.id, store_id: s }))).execute();
    const user = await presentUser(tx, row);
    await recordAudit(tx, { action: 'user.create', entityType: 'user', entityId: row.id, after: user });
    return user;
  });
}

export async function updateUser(ctx: RequestContext, id: string, patch: z.infer<typeof updateUserBody>, opts: UserWriteOptions) {
  return inTransaction(ctx, async (tx) => {
    const target = await findUser(tx, id);
    if (!target) throw notFound('User');
    if (!opts.trusted) await assertCanManage(tx, target);
    const before = await presentUser(tx, target);
    const allStores = patch.allStores ?? before.allStores;
    const storeIds = patch.storeIds ?? before.storeIds;
    if (!opts.trusted && (patch.roleId || patch.allStores !== undefined || patch.storeIds)) {
      await assertCanGrant(tx, patch.roleId ?? target.role_id, allStores, storeIds);
    }
    if (patch.storeIds) await assertStoresExist(tx, patch.storeIds);
    if (patch.email) await assertEmailFree(tx, patch.email, id);
    if (id === tx.actor!.userId && patch.active === false) throw invalid('cannot_deactivate_self', 'You cannot deactivate yourself', { field: 'body.active' });
    await tx.db
      .updateTable('users')
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.email !== undefined && { email: patch.email }),
        ...(patch.pin !== undefined && { pin_lookup: patch.pin === null ? null : await pinColumn(tx, opts.pepper, patch.pin, id) }),
        ...(patch.roleId !== undefined && { role_id: patch.roleId }),
        ...(patch.allStores !== undefined && { all_stores: patch.allStores ? 1 : 0 }),
        ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
        updated_at: iso(tx.clock.now()),
      })
      .where('id', '=', id)
      .execute();
    if (patch.storeIds !== undefined || patch.allStores !== undefined) {
      await tx.db.deleteFrom('user_stores').where('user_id', '=', id).execute();
      const links = allStores ? [] : [...new Set(storeIds)];
      if (links.length) await tx.db.insertInto('user_stores').values(links.map((s) => ({ user_id: id, store_id: s }))).execute();
    }
    if (patch.active === false || patch.roleId !== undefined) await revokeUserSessions(tx, id);
    const after = await presentUser(tx, (await findUser(tx, id))!);
    // PINs never reach the audit log; only whether one is set.
    await recordAudit(tx, { action: 'user.update', entityType: 'user', entityId: id, before, after, details: { pinChanged: patch.pin !== undefined } });
    return after;
  });
}

export async function setPassword(ctx: RequestContext, id: string, password: string, opts: UserWriteOptions) {
  const hash = await hashSecret(password);
  return inTransaction(ctx, async (tx) => {
    const target = await findUser(tx, id);
    if (!target) throw notFound('User');
    if (!opts.trusted) await assertCanManage(tx, target);
    if (!target.email) throw invalid('email_required', 'This user has no e-mail login', { field: 'params.id' });
    await tx.db.updateTable('users').set({ password_hash: hash, updated_at: iso(tx.clock.now()) }).where('id', '=', id).execute();
    await revokeUserSessions(tx, id);
    await recordAudit(tx, { action: 'user.password_reset', entityType: 'user', entityId: id });
  });
}
