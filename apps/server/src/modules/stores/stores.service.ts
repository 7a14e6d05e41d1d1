import { uuidv7 } from '@opentill/core';
import type { z } from 'zod';
import { inTransaction, type RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import { conflict, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { appendJournal } from '../journal/journal.repository.js';
import { findOpenShift } from '../shifts/shifts.repository.js';
import { assertStoreAccess } from '../auth/authorize.js';
import { presentRegister, presentStore } from './store.presenter.js';
import type { registerBody, storeBody, storePatch } from './stores.schema.js';
import { findRegister, findStore, type StoreRow } from './stores.repository.js';

type StoreInput = z.infer<typeof storeBody>;

function storeColumns(input: Partial<StoreInput>): Partial<StoreRow> {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.address && {
      address_line1: input.address.line1,
      address_line2: input.address.line2,
      postal_code: input.address.postalCode,
      city: input.address.city,
      country: input.address.country,
    }),
    ...(input.taxIds && { vat_id: input.taxIds.vatId, tax_number: input.taxIds.taxNumber }),
    ...(input.currency !== undefined && { currency: input.currency }),
    ...(input.timeZone !== undefined && { time_zone: input.timeZone }),
    ...(input.locale !== undefined && { locale: input.locale }),
  };
}

export async function createStore(ctx: RequestContext, input: StoreInput) {
  return inTransaction(ctx, async (tx) => {
    const now = iso(tx.clock.now());
    const row = {
      id: uuidv7(),
      org_id: tx.actor!.orgId,
      ...(storeColumns(input) as Omit<StoreRow, 'id' | 'org_id' | 'created_at' | 'updated_at'>),
      created_at: now,
      updated_at: now,
    };
    await tx.db.insertInto('stores').values(row).execute();
    const store = presentStore(row);
    await recordAudit(tx, { action: 'store.create', storeId: row.id, entityType: 'store', entityId: row.id, after: store });
    return store;
  });
}

export async function updateStore(ctx: RequestContext, id: string, patch: z.infer<typeof storePatch>) {
  assertStoreAccess(ctx, id);
  return inTransaction(ctx, async (tx) => {
    const before = await findStore(tx, id);
    if (!before) throw notFound('Store');
    await tx.db
      .updateTable('stores')
      .set({ ...storeColumns(patch), updated_at: iso(tx.clock.now()) })
      .where('id', '=', id)
      .execute();
    const after = (await findStore(tx, id))!;
    await recordAudit(tx, {
      action: 'store.update',
      storeId: id,
      entityType: 'store',
      entityId: id,
      before: presentStore(before),
      after: presentStore(after),
    });
    return presentStore(after);
  });
}

export async function createRegister(ctx: RequestContext, storeId: string, input: z.infer<typeof registerBody>) {
  return inTransaction(ctx, async (tx) => {
    if (!(await findStore(tx, storeId))) throw notFound('Store');
    const clash = await tx.db
      .selectFrom('registers')
      .select('id')
      .where('store_id', '=', storeId)
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (clash) throw conflict('register_name_taken', `A register named "${input.name}" exists in this store`, { field: 'body.name' });
    const now = iso(tx.clock.now());
    const row = { id: uuidv7(), store_id: storeId, name: input.name, pin_failures: 0, pin_locked_until: null, created_at: now, updated_at: now };
    await tx.db.insertInto('registers').values(row).execute();
    await recordAudit(tx, { action: 'register.create', storeId, entityType: 'register', entityId: row.id, after: presentRegister(row) });
    return presentRegister(row);
  });
}

export async function renameRegister(ctx: RequestContext, id: string, input: z.infer<typeof registerBody>) {
  return inTransaction(ctx, async (tx) => {
    const before = await findRegister(tx, id);
    if (!before) throw notFound('Register');
    assertStoreAccess(tx, before.store_id);
    await tx.db.updateTable('registers').set({ name: input.name, updated_at: iso(tx.clock.now()) }).where('id', '=', id).execute();
    const after = { ...before, name: input.name };
    await recordAudit(tx, {
      action: 'register.update',
      storeId: before.store_id,
      entityType: 'register',
      entityId: id,
      before: presentRegister(before),
      after: presentRegister(after),
    });
    return presentRegister(after);
  });
}

/** No-sale drawer opening: always audited (who, which register, approver when overridden) and journaled. */
export async function recordNoSale(ctx: RequestContext, registerId: string, reason: string | undefined) {
  const register = await findRegister(ctx, registerId);
  if (!register) throw notFound('Register');
  assertStoreAccess(ctx, register.store_id);
  const openedAt = iso(ctx.clock.now());
  return inTransaction({ ...ctx, registerId }, async (tx) => {
    // Allowed outside a shift; journaled with the open shift when there is one.
    const shift = await findOpenShift(tx, registerId);
    const journal = await appendJournal(tx, {
      storeId: register.store_id,
      registerId,
      shiftId: shift?.id ?? null,
      type: 'no_sale',
      payload: { reason: reason ?? null, userId: tx.actor?.userId ?? null, approverUserId: tx.approver?.userId ?? null },
    });
    await recordAudit(tx, {
      action: 'cash.drawer.no_sale',
      storeId: register.store_id,
      entityType: 'register',
      entityId: registerId,
      details: { reason: reason ?? null, journalSeq: journal.seq },
    });
    return { openedAt, approvedBy: ctx.approver?.name ?? null };
  });
}
