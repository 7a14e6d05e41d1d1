import { UNAUTH, DENIED, FOREIGN, NF, NOT_COMPLETED, NO_RECEIPT, row, type MatrixCase, type MatrixWorlds } from '../../test-support/matrix-types.js';
import { uuidv7 } from '@opentill/core';

/** Authorization-matrix rows: Printing, receipt delivery, digital receipt links and store templates (issue 6). */
export function printingCases(x: MatrixWorlds): MatrixCase[] {
  return [
    // ---- printing and receipt delivery (issue 6) ----
    {
      route: 'GET /registers/{id}/printer-config',
      request: (w) => ({ method: 'GET', url: `/registers/${w.registerA}/printer-config` }),
      expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, 200),
    },
    {
      route: 'PUT /registers/{id}/printer-config',
      request: (w) => ({ method: 'PUT', url: `/registers/${w.registerA}/printer-config`, body: { host: 'matrix-printer.invalid', width: 80 } }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'GET /registers/{id}/printer',
      request: (w) => ({ method: 'GET', url: `/registers/${w.registerA}/printer` }),
      expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, 200),
    },
    {
      route: 'POST /registers/{id}/drawer/open',
      request: (w) => ({ method: 'POST', url: `/registers/${w.registerA}/drawer/open`, body: { reason: 'matrix' } }),
      expect: row(UNAUTH, 202, 202, 202, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'POST /sales/{id}/print',
      variant: 'voided sale',
      request: () => ({ method: 'POST', url: `/sales/${x.sw.voidedSaleId}/print`, body: { copy: true } }),
      expect: row(UNAUTH, NO_RECEIPT, NO_RECEIPT, NO_RECEIPT, NO_RECEIPT, FOREIGN, DENIED),
    },
    {
      route: 'POST /sales/{id}/email',
      variant: 'voided sale',
      request: () => ({ method: 'POST', url: `/sales/${x.sw.voidedSaleId}/email`, body: { to: 'kunde@example.com' } }),
      expect: row(UNAUTH, NO_RECEIPT, NO_RECEIPT, NO_RECEIPT, NO_RECEIPT, FOREIGN, DENIED),
    },
    {
      route: 'POST /sales/{id}/sms',
      variant: 'voided sale',
      request: () => ({ method: 'POST', url: `/sales/${x.sw.voidedSaleId}/sms`, body: { to: '+4915112345678' } }),
      expect: row(UNAUTH, NO_RECEIPT, NO_RECEIPT, NO_RECEIPT, NO_RECEIPT, FOREIGN, DENIED),
    },
    {
      route: 'GET /delivery-jobs/{id}',
      variant: 'A',
      request: () => ({ method: 'GET', url: `/delivery-jobs/${x.pw.jobA}` }),
      expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, DENIED),
    },
    {
      route: 'GET /delivery-jobs/{id}',
      variant: 'unknown',
      request: () => ({ method: 'GET', url: `/delivery-jobs/${uuidv7()}` }),
      expect: row(UNAUTH, NF, NF, NF, NF, NF, NF),
    },
    // ---- receipts: digital receipt links and store templates (issue 6) ----
    {
      route: 'POST /sales/{id}/receipt-link',
      variant: 'voided sale',
      request: () => ({ method: 'POST', url: `/sales/${x.sw.voidedSaleId}/receipt-link` }),
      expect: row(UNAUTH, NOT_COMPLETED, NOT_COMPLETED, NOT_COMPLETED, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'DELETE /receipt-links/{token}',
      variant: 'link in A',
      request: () => ({ method: 'DELETE', url: `/receipt-links/${x.rw.tokenA}` }),
      expect: row(UNAUTH, 204, 204, 204, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'DELETE /receipt-links/{token}',
      variant: 'unknown',
      request: () => ({ method: 'DELETE', url: '/receipt-links/unknown-token' }),
      expect: row(UNAUTH, NF, NF, NF, DENIED, NF, DENIED),
    },
    {
      route: 'GET /stores/{id}/receipt-template',
      variant: 'A',
      request: (w) => ({ method: 'GET', url: `/stores/${w.storeA}/receipt-template` }),
      expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, 200),
    },
    {
      route: 'GET /stores/{id}/receipt-template',
      variant: 'B',
      request: (w) => ({ method: 'GET', url: `/stores/${w.storeB}/receipt-template` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'PUT /stores/{id}/receipt-template',
      variant: 'A',
      request: (w) => ({ method: 'PUT', url: `/stores/${w.storeA}/receipt-template`, body: { header: 'Matrix', footer: '', logoPng: null, language: 'de' } }),
      expect: row(UNAUTH, 200, 200, DENIED, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'PUT /stores/{id}/receipt-template',
      variant: 'B',
      request: (w) => ({ method: 'PUT', url: `/stores/${w.storeB}/receipt-template`, body: { header: 'Matrix', footer: '', logoPng: null, language: 'en' } }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, DENIED, FOREIGN),
    },
    {
      route: 'GET /stores/{id}/receipt-template/preview',
      variant: 'A, escpos-58',
      request: (w) => ({ method: 'GET', url: `/stores/${w.storeA}/receipt-template/preview?format=escpos-58` }),
      expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, 200),
    },
  ];
}
