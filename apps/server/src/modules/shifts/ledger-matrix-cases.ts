import { UNAUTH, DENIED, FOREIGN, row, type MatrixCase, type MatrixWorlds } from '../../test-support/matrix-types.js';
import { uuidv7 } from '@opentill/core';

/** A valid register audit event body (POST /registers/{id}/audit-events). */
const lineRemovedEvent = () => ({
  id: uuidv7(),
  type: 'cart.line_removed',
  at: '2026-11-27T10:00:00.000Z',
  payload: { saleId: uuidv7(), lineId: uuidv7(), productId: uuidv7(), variantId: null, name: 'Matrix', qty: 1000, unitPrice: 100, lineTotal: 100, cashierName: 'Matrix', cashierId: null },
});

/** Authorization-matrix rows: Journal, stock, shifts and cash (issue 4 ledgers). */
export function ledgerCases(x: MatrixWorlds): MatrixCase[] {
  return [
    // ---- journal, stock, shifts and cash (issue 4 ledgers) ----
    {
      route: 'GET /stores/{id}/journal/verify',
      variant: 'A',
      request: (w) => ({ method: 'GET', url: `/stores/${w.storeA}/journal/verify` }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'GET /stores/{id}/journal/verify',
      variant: 'B',
      request: (w) => ({ method: 'GET', url: `/stores/${w.storeB}/journal/verify` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'GET /stores/{id}/journal',
      variant: 'A',
      request: (w) => ({ method: 'GET', url: `/stores/${w.storeA}/journal?limit=5` }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'GET /stores/{id}/journal',
      variant: 'B',
      request: (w) => ({ method: 'GET', url: `/stores/${w.storeB}/journal?limit=5` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'GET /stores/{id}/stock',
      variant: 'A',
      request: (w) => ({ method: 'GET', url: `/stores/${w.storeA}/stock?limit=5` }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'GET /stores/{id}/stock',
      variant: 'B',
      request: (w) => ({ method: 'GET', url: `/stores/${w.storeB}/stock?limit=5` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'GET /stores/{id}/stock/movements',
      variant: 'A',
      request: (w) => ({ method: 'GET', url: `/stores/${w.storeA}/stock/movements?limit=5` }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'GET /stores/{id}/stock/movements',
      variant: 'B',
      request: (w) => ({ method: 'GET', url: `/stores/${w.storeB}/stock/movements?limit=5` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'POST /stores/{id}/stock/adjustments',
      variant: 'A',
      request: (w) => ({ method: 'POST', url: `/stores/${w.storeA}/stock/adjustments`, body: { id: uuidv7(), lines: [{ productId: x.cw.productId, qtyMilli: 1000, reason: 'matrix' }] } }),
      expect: row(UNAUTH, 201, 201, 201, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'POST /stores/{id}/stock/adjustments',
      variant: 'B',
      request: (w) => ({ method: 'POST', url: `/stores/${w.storeB}/stock/adjustments`, body: { id: uuidv7(), lines: [{ productId: x.cw.productId, qtyMilli: 1000, reason: 'matrix' }] } }),
      expect: row(UNAUTH, 201, 201, FOREIGN, FOREIGN, 201, FOREIGN),
    },
    {
      route: 'PATCH /stores/{id}/stock-policy',
      variant: 'A',
      request: (w) => ({ method: 'PATCH', url: `/stores/${w.storeA}/stock-policy`, body: { negativeStock: 'allow' } }),
      expect: row(UNAUTH, 200, 200, DENIED, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'PATCH /stores/{id}/stock-policy',
      variant: 'B',
      request: (w) => ({ method: 'PATCH', url: `/stores/${w.storeB}/stock-policy`, body: { negativeStock: 'allow' } }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, DENIED, FOREIGN),
    },
    {
      route: 'POST /registers/{id}/shifts',
      variant: 'A, fresh register',
      request: async (w) => ({ method: 'POST', url: `/registers/${await x.ckw.freshRegister(w.storeA)}/shifts`, body: { id: uuidv7(), openingFloat: 5000 } }),
      expect: row(UNAUTH, 201, 201, 201, 201, FOREIGN, DENIED),
    },
    {
      route: 'POST /registers/{id}/shifts',
      variant: 'B, fresh register',
      request: async (w) => ({ method: 'POST', url: `/registers/${await x.ckw.freshRegister(w.storeB)}/shifts`, body: { id: uuidv7(), openingFloat: 5000 } }),
      expect: row(UNAUTH, 201, 201, FOREIGN, FOREIGN, 201, FOREIGN),
    },
    {
      route: 'GET /registers/{id}/shifts/current',
      variant: 'A',
      request: (w) => ({ method: 'GET', url: `/registers/${w.registerA}/shifts/current` }),
      expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, DENIED),
    },
    {
      route: 'GET /registers/{id}/shifts/current',
      variant: 'B',
      request: (w) => ({ method: 'GET', url: `/registers/${w.registerB}/shifts/current` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'POST /shifts/{id}/cash-movements',
      variant: 'A',
      request: () => ({ method: 'POST', url: `/shifts/${x.ckw.openA}/cash-movements`, body: { id: uuidv7(), kind: 'pay_in', amount: 100, reason: 'matrix' } }),
      expect: row(UNAUTH, 201, 201, 201, 201, FOREIGN, DENIED),
    },
    {
      route: 'POST /shifts/{id}/cash-movements',
      variant: 'B',
      request: () => ({ method: 'POST', url: `/shifts/${x.ckw.openB}/cash-movements`, body: { id: uuidv7(), kind: 'pay_out', amount: 100, reason: 'matrix' } }),
      expect: row(UNAUTH, 201, 201, FOREIGN, FOREIGN, 201, FOREIGN),
    },
    // Issue 5: a register's audit event (a removed cart line); a fresh id per cell, so each 201 is new.
    {
      route: 'POST /registers/{id}/audit-events',
      variant: 'A',
      request: (w) => ({ method: 'POST', url: `/registers/${w.registerA}/audit-events`, body: lineRemovedEvent() }),
      expect: row(UNAUTH, 201, 201, 201, 201, FOREIGN, DENIED),
    },
    {
      route: 'POST /registers/{id}/audit-events',
      variant: 'B',
      request: (w) => ({ method: 'POST', url: `/registers/${w.registerB}/audit-events`, body: lineRemovedEvent() }),
      expect: row(UNAUTH, 201, 201, FOREIGN, FOREIGN, 201, FOREIGN),
    },
    {
      route: 'GET /shifts/{id}/x-report',
      variant: 'A',
      request: () => ({ method: 'GET', url: `/shifts/${x.ckw.openA}/x-report` }),
      expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, DENIED),
    },
    {
      route: 'GET /shifts/{id}/x-report',
      variant: 'B',
      request: () => ({ method: 'GET', url: `/shifts/${x.ckw.openB}/x-report` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'POST /shifts/{id}/close',
      variant: 'A (idempotent)',
      request: () => ({ method: 'POST', url: `/shifts/${x.ckw.closeA}/close`, body: { countedCash: 10_000 } }),
      expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, DENIED),
    },
    {
      route: 'POST /shifts/{id}/close',
      variant: 'B (idempotent)',
      request: () => ({ method: 'POST', url: `/shifts/${x.ckw.closeB}/close`, body: { countedCash: 10_000 } }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'GET /shifts/{id}/z-report',
      variant: 'A',
      request: () => ({ method: 'GET', url: `/shifts/${x.ckw.closedA}/z-report` }),
      expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, DENIED),
    },
    {
      route: 'GET /shifts/{id}/z-report',
      variant: 'B',
      request: () => ({ method: 'GET', url: `/shifts/${x.ckw.closedB}/z-report` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
  ];
}
