import type { Harness } from '../../test-support/harness.js';
import type { World } from '../../test-support/matrix-fixtures.js';
import type { SalesWorld } from '../sales/sales-matrix-fixtures.js';
import { newToken } from './receipt-links.js';

/** Receipt objects for the authorization matrix (test-only): a live digital-receipt link in store A. */
export interface ReceiptsWorld {
  tokenA: string;
}

export async function buildReceiptsWorld(h: Harness, w: World, sw: SalesWorld): Promise<ReceiptsWorld> {
  const tokenA = newToken();
  const orgId = (await h.database.db.selectFrom('stores').select('org_id').where('id', '=', w.storeA).executeTakeFirstOrThrow()).org_id;
  await h.database.db
    .insertInto('receipt_links')
    .values({ token: tokenA, org_id: orgId, store_id: w.storeA, sale_id: sw.voidedSaleId, created_at: new Date().toISOString(), created_by: null, revoked_at: null })
    .execute();
  return { tokenA };
}
