import { UNAUTH, DENIED, FOREIGN, NF, TRANSITION, NOT_REFUNDABLE, NOT_OPEN, USE_CARD, row, type MatrixCase, type MatrixWorlds } from '../../test-support/matrix-types.js';
import { uuidv7 } from '@opentill/core';

/** Authorization-matrix rows: Sales (issue 4). */
export function salesCases(x: MatrixWorlds): MatrixCase[] {
  return [
    // ---- sales (issue 4). Allowed callers reach the command, which then refuses the deliberately
    // unusable body (unknown product, voided sale) — so no cell changes state. ----
    {
      route: 'POST /sales',
      variant: 'A',
      request: (w) => ({ method: 'POST', url: '/sales', body: x.sw.saleBody(w.registerA) }),
      expect: row(UNAUTH, NF, NF, NF, NF, FOREIGN, DENIED),
    },
    {
      route: 'POST /sales',
      variant: 'B',
      request: (w) => ({ method: 'POST', url: '/sales', body: x.sw.saleBody(w.registerB) }),
      expect: row(UNAUTH, NF, NF, FOREIGN, FOREIGN, NF, FOREIGN),
    },
    {
      route: 'POST /sales/open',
      request: (w) => ({ method: 'POST', url: '/sales/open', body: { id: uuidv7(), registerId: w.registerA, lines: x.sw.unknownLines() } }),
      expect: row(UNAUTH, NF, NF, NF, NF, FOREIGN, DENIED),
    },
    {
      route: 'PATCH /sales/{id}',
      request: () => ({ method: 'PATCH', url: `/sales/${x.sw.openSaleId}`, body: { lines: x.sw.unknownLines() } }),
      expect: row(UNAUTH, NF, NF, NF, NF, FOREIGN, DENIED),
    },
    {
      route: 'POST /sales/{id}/payments',
      request: () => ({ method: 'POST', url: `/sales/${x.sw.openSaleId}/payments`, body: { id: uuidv7(), tender: 'card', amount: 100 } }),
      expect: row(UNAUTH, USE_CARD, USE_CARD, USE_CARD, USE_CARD, FOREIGN, DENIED),
    },
    {
      route: 'POST /sales/{id}/park',
      request: () => ({ method: 'POST', url: `/sales/${x.sw.voidedSaleId}/park` }),
      expect: row(UNAUTH, TRANSITION, TRANSITION, TRANSITION, TRANSITION, FOREIGN, DENIED),
    },
    {
      route: 'POST /sales/{id}/resume',
      request: () => ({ method: 'POST', url: `/sales/${x.sw.voidedSaleId}/resume`, body: {} }),
      expect: row(UNAUTH, TRANSITION, TRANSITION, TRANSITION, TRANSITION, FOREIGN, DENIED),
    },
    {
      route: 'POST /sales/{id}/void',
      variant: 'already voided',
      request: () => ({ method: 'POST', url: `/sales/${x.sw.voidedSaleId}/void`, body: { reason: 'matrix' } }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'POST /sales/{id}/complete',
      request: () => ({ method: 'POST', url: `/sales/${x.sw.voidedSaleId}/complete`, body: { registerSeq: 1, receiptNo: 'MX-1' } }),
      expect: row(UNAUTH, TRANSITION, TRANSITION, TRANSITION, TRANSITION, FOREIGN, DENIED),
    },
    {
      route: 'POST /sales/{id}/refunds',
      request: (w) => ({ method: 'POST', url: `/sales/${x.sw.voidedSaleId}/refunds`, body: x.sw.refundBody(w.registerA) }),
      expect: row(UNAUTH, NOT_REFUNDABLE, NOT_REFUNDABLE, NOT_REFUNDABLE, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'POST /sales/{id}/exchanges',
      request: (w) => ({ method: 'POST', url: `/sales/${x.sw.voidedSaleId}/exchanges`, body: { ...x.sw.refundBody(w.registerA), returns: x.sw.refundBody(w.registerA).lines, lines: x.sw.unknownLines(), payments: [], totals: { total: 0 } } }),
      expect: row(UNAUTH, NOT_REFUNDABLE, NOT_REFUNDABLE, NOT_REFUNDABLE, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'POST /refunds/no-receipt',
      request: (w) => ({ method: 'POST', url: '/refunds/no-receipt', body: { ...x.sw.refundBody(w.registerA), lines: x.sw.unknownLines(), reason: 'matrix' } }),
      expect: row(UNAUTH, NF, NF, NF, DENIED, FOREIGN, DENIED),
    },
    { route: 'GET /sales/{id}', request: () => ({ method: 'GET', url: `/sales/${x.sw.voidedSaleId}` }), expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED) },
    {
      route: 'GET /sales',
      variant: '?storeId=A',
      request: (w) => ({ method: 'GET', url: `/sales?storeId=${w.storeA}` }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'GET /sales/by-receipt/{receiptNo}',
      variant: '?storeId=A',
      request: (w) => ({ method: 'GET', url: `/sales/by-receipt/MX-1?storeId=${w.storeA}` }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'GET /sales/by-receipt-link/{token}',
      variant: 'link in store A',
      request: () => ({ method: 'GET', url: `/sales/by-receipt-link/${x.rw.tokenA}` }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'GET /sales/by-receipt-link/{token}',
      variant: 'unknown token',
      request: () => ({ method: 'GET', url: `/sales/by-receipt-link/${'Z'.repeat(27)}` }),
      expect: row(UNAUTH, NF, NF, NF, NF, NF, NF),
    },
    {
      route: 'GET /registers/{id}/sequence-report',
      request: (w) => ({ method: 'GET', url: `/registers/${w.registerA}/sequence-report` }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'POST /registers/{id}/card-payments',
      variant: 'for a voided sale',
      request: (w) => ({ method: 'POST', url: `/registers/${w.registerA}/card-payments`, body: { id: uuidv7(), amount: 100, saleId: x.sw.voidedSaleId } }),
      expect: row(UNAUTH, NOT_OPEN, NOT_OPEN, NOT_OPEN, NOT_OPEN, FOREIGN, DENIED),
    },
    {
      route: 'POST /registers/{id}/card-payments/{paymentId}/recover',
      variant: 'unknown payment',
      request: (w) => ({ method: 'POST', url: `/registers/${w.registerA}/card-payments/${uuidv7()}/recover` }),
      expect: row(UNAUTH, NF, NF, NF, NF, FOREIGN, DENIED),
    },
    {
      route: 'POST /registers/{id}/card-payments/{paymentId}/cancel',
      variant: 'unknown payment',
      request: (w) => ({ method: 'POST', url: `/registers/${w.registerA}/card-payments/${uuidv7()}/cancel` }),
      expect: row(UNAUTH, NF, NF, NF, NF, FOREIGN, DENIED),
    },
  ];
}
