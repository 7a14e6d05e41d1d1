import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../../platform/context.js';
import { invalid, notFound } from '../../platform/errors.js';
import type { Permission } from '../access/permissions.js';
import { authorize } from '../auth/authorize.js';
import { findStore, type StoreRow } from '../stores/stores.repository.js';

/**
 * The store a catalog request acts in: the given id or the session's store (a register session),
 * checked for `permission` and store scope, then loaded.
 */
export async function authorizeInStore(
  request: FastifyRequest,
  permission: Permission,
  storeId: string | undefined,
  opts: { pepper: string; field: string },
): Promise<{ ctx: RequestContext; store: StoreRow }> {
  const id = storeId ?? request.ctx.session?.storeId ?? undefined;
  if (!id) {
    // Authenticate and check the permission first, so anonymous callers still get 401/403.
    await authorize(request, permission, { pepper: opts.pepper });
    throw invalid('store_required', 'Name the store (storeId); only register sessions have one', { field: opts.field });
  }
  const ctx = await authorize(request, permission, { storeId: id, pepper: opts.pepper });
  const store = await findStore(ctx, id);
  if (!store) throw notFound('Store');
  return { ctx, store };
}

/** Opaque keyset cursor for name-ordered lists. */
export function encodeCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, field: string): { name: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return { name: v[0], id: v[1] };
  } catch {
    // fall through
  }
  throw invalid('invalid_cursor', 'Pass nextCursor of the previous page unchanged', { field });
}
