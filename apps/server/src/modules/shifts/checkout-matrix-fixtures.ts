import { randomUUID } from 'node:crypto';
import type { Harness } from '../../test-support/harness.js';
import { must, send, type World } from '../../test-support/matrix-fixtures.js';

/**
 * Shifts for the authorization matrix (issue 4 ledgers): an open shift in each store for cash
 * movements and X reports, one in each store for the matrix to close (closing is idempotent, so every
 * allowed caller gets the same Z report), a closed one in each for Z reports, and fresh registers so
 * every allowed "open shift" cell can succeed.
 */
export interface CheckoutWorld {
  openA: string;
  openB: string;
  closeA: string;
  closeB: string;
  closedA: string;
  closedB: string;
  /** A new register in the store with no shift yet (created by the owner). */
  freshRegister(storeId: string): Promise<string>;
}

export async function buildCheckoutWorld(h: Harness, w: World): Promise<CheckoutWorld> {
  const token = w.tokens.owner;
  const freshRegister = async (storeId: string) => {
    const res = await send(h, { method: 'POST', url: `/stores/${storeId}/registers`, token, body: { name: w.unique('Shift matrix') } });
    must(res, 201, 'POST /stores/:id/registers (shift matrix)');
    return res.json().id as string;
  };
  const openShift = async (storeId: string) => {
    const id = randomUUID();
    must(await send(h, { method: 'POST', url: `/registers/${await freshRegister(storeId)}/shifts`, token, body: { id, openingFloat: 10_000 } }), 201, 'open shift');
    return id;
  };
  const closedShift = async (storeId: string) => {
    const id = await openShift(storeId);
    must(await send(h, { method: 'POST', url: `/shifts/${id}/close`, token, body: { countedCash: 10_000 } }), 200, 'close shift');
    return id;
  };
  return {
    openA: await openShift(w.storeA),
    openB: await openShift(w.storeB),
    closeA: await openShift(w.storeA),
    closeB: await openShift(w.storeB),
    closedA: await closedShift(w.storeA),
    closedB: await closedShift(w.storeB),
    freshRegister,
  };
}
