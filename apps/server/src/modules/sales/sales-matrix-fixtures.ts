import { uuidv7 } from '@opentill/core';
import type { Harness } from '../../test-support/harness.js';
import { must, send, type World } from '../../test-support/matrix-fixtures.js';

/** Sales objects for the authorization matrix (test-only): an open sale and a voided sale in store A. */
export interface SalesWorld {
  openSaleId: string;
  voidedSaleId: string;
  /** Lines naming a product that does not exist: allowed callers get 404 after authorization. */
  unknownLines(): { id: string; productId: string; qty: number }[];
  saleBody(registerId: string): object;
  refundBody(registerId: string): { id: string; registerId: string; registerSeq: number; receiptNo: string; lines: { id: string; originalLineId: string; qty: number }[]; payments: object[] };
}

export async function buildSalesWorld(h: Harness, w: World): Promise<SalesWorld> {
  const owner = w.tokens.owner!;
  const product = await h.database.db.selectFrom('products').select('id').where('sku', '=', 'BROT-ROGGEN').executeTakeFirstOrThrow();
  const open = async () => {
    const id = uuidv7();
    const res = await send(h, { method: 'POST', url: '/sales/open', token: owner, body: { id, registerId: w.registerA, lines: [{ id: uuidv7(), productId: product.id, qty: 1000 }] } });
    must(res, 201, 'POST /sales/open');
    return id;
  };
  const openSaleId = await open();
  const voidedSaleId = await open();
  must(await send(h, { method: 'POST', url: `/sales/${voidedSaleId}/void`, token: owner, body: { reason: 'matrix' } }), 200, 'POST /sales/:id/void');
  const unknownLines = () => [{ id: uuidv7(), productId: uuidv7(), qty: 1000 }];
  return {
    openSaleId,
    voidedSaleId,
    unknownLines,
    saleBody: (registerId) => ({
      id: uuidv7(),
      registerId,
      registerSeq: 1,
      receiptNo: 'MX-1',
      lines: unknownLines(),
      payments: [{ id: uuidv7(), tender: 'cash', amount: 100 }],
      totals: { total: 100 },
    }),
    refundBody: (registerId) => ({
      id: uuidv7(),
      registerId,
      registerSeq: 1,
      receiptNo: 'MX-R1',
      lines: [{ id: uuidv7(), originalLineId: uuidv7(), qty: 1000 }],
      payments: [{ id: uuidv7(), tender: 'cash', amount: -100 }],
    }),
  };
}
