import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../../platform/context.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import type { Permission } from '../access/permissions.js';
import { authorize, requireActor } from '../auth/authorize.js';
import { findRegister, findStore, type RegisterRow, type StoreRow } from '../stores/stores.repository.js';
import { findSale, type SaleRow } from './sales.repository.js';

/**
 * Who may act on which register: a register session acts on its own register only; back-office and
 * API callers name the register. Permission and store scope are checked against the register's store.
 */
export async function authorizeOnRegister(
  request: FastifyRequest,
  permission: Permission,
  registerId: string | undefined,
  opts: { pepper: string; field: string },
): Promise<{ ctx: RequestContext; store: StoreRow; register: RegisterRow }> {
  requireActor(request.ctx);
  const own = request.ctx.session?.registerId ?? null;
  const id = registerId ?? own;
  if (!id) {
    await authorize(request, permission, { pepper: opts.pepper });
    throw invalid('register_required', 'Name the register (registerId); only register sessions have one', { field: opts.field });
  }
  const register = await findRegister(request.ctx, id);
  if (!register) {
    await authorize(request, permission, { pepper: opts.pepper });
    throw new AppError('not_found', 'not_found', 'Register not found', { field: opts.field });
  }
  const ctx = await authorize(request, permission, { storeId: register.store_id, pepper: opts.pepper });
  if (own && own !== id) throw forbidden('register_mismatch', 'A register session acts on its own register only', { field: opts.field });
  const store = (await findStore(ctx, register.store_id))!;
  return { ctx, store, register };
}

/** A sale of the caller's organisation, loaded before any permission check (404 otherwise). */
export async function saleFor(request: FastifyRequest, id: string): Promise<SaleRow> {
  requireActor(request.ctx);
  const sale = await findSale(request.ctx, id);
  if (!sale) throw notFound('Sale');
  return sale;
}

/**
 * Reading sales: a register session of the store with sales.create (it needs receipts for refunds and
 * resumes), everybody else with reports.view in the store.
 */
export async function authorizeRead(request: FastifyRequest, storeId: string, pepper: string): Promise<RequestContext> {
  const session = request.ctx.session;
  if (session?.registerId && session.storeId === storeId && request.ctx.actor?.permissions.has('sales.create')) {
    return authorize(request, 'sales.create', { storeId, pepper });
  }
  return authorize(request, 'reports.view', { storeId, pepper });
}

/** The store a read acts in: given, or the register session's. */
export async function readStore(request: FastifyRequest, storeId: string | undefined, pepper: string, field: string): Promise<{ ctx: RequestContext; store: StoreRow }> {
  requireActor(request.ctx);
  const id = storeId ?? request.ctx.session?.storeId ?? undefined;
  if (!id) {
    await authorize(request, 'reports.view', { pepper });
    throw invalid('store_required', 'Name the store (storeId); only register sessions have one', { field });
  }
  const ctx = await authorizeRead(request, id, pepper);
  const store = await findStore(ctx, id);
  if (!store) throw notFound('Store');
  return { ctx, store };
}

/** The user recorded as having allowed price overrides: the approving manager, else the caller. */
export function overrideBy(ctx: RequestContext): string | null {
  return ctx.approver?.userId ?? ctx.actor?.userId ?? ctx.actor?.id ?? null;
}
