import { UNAUTH, DENIED, FOREIGN, row, type MatrixCase, type MatrixWorlds } from '../../test-support/matrix-types.js';
import { catalogReq, matrixEan, matrixSku } from './catalog-matrix-fixtures.js';

/** Authorization-matrix rows: Catalog (org-level catalog; prices, promotions and register reads are per store). */
export function catalogCases(x: MatrixWorlds): MatrixCase[] {
  return [
    // ---- catalog (org-level catalog; prices, promotions and register reads are per store) ----
    { route: 'GET /catalog/products', request: () => ({ method: 'GET', url: '/catalog/products' }), expect: row(UNAUTH, 200, 200, 200, 200, 200, DENIED) },
    {
      route: 'POST /catalog/products',
      request: () => ({ method: 'POST', url: '/catalog/products', body: { sku: matrixSku(), name: 'Matrix new', taxClass: 'reduced' } }),
      expect: row(UNAUTH, 201, 201, 201, DENIED, 201, DENIED),
    },
    { route: 'GET /catalog/products/{id}', request: () => ({ method: 'GET', url: `/catalog/products/${x.cw.productId}` }), expect: row(UNAUTH, 200, 200, 200, 200, 200, DENIED) },
    {
      route: 'PATCH /catalog/products/{id}',
      request: () => ({ method: 'PATCH', url: `/catalog/products/${x.cw.productId}`, body: { description: 'matrix' } }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED),
    },
    {
      route: 'DELETE /catalog/products/{id}',
      request: () => catalogReq('DELETE', `/catalog/products/${x.cw.archivableId}`),
      expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED),
    },
    {
      route: 'POST /catalog/products/{id}/variants',
      request: () => ({ method: 'POST', url: `/catalog/products/${x.cw.productId}/variants`, body: { sku: matrixSku(), options: { size: 'L' } } }),
      expect: row(UNAUTH, 201, 201, 201, DENIED, 201, DENIED),
    },
    {
      route: 'PATCH /catalog/variants/{id}',
      request: () => ({ method: 'PATCH', url: `/catalog/variants/${x.cw.variantId}`, body: { name: 'Medium' } }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED),
    },
    {
      route: 'POST /catalog/products/{id}/barcodes',
      request: () => ({ method: 'POST', url: `/catalog/products/${x.cw.productId}/barcodes`, body: { code: matrixEan() } }),
      expect: row(UNAUTH, 201, 201, 201, DENIED, 201, DENIED),
    },
    {
      route: 'DELETE /catalog/barcodes/{id}',
      request: async () => catalogReq('DELETE', `/catalog/barcodes/${await x.cw.freshBarcode()}`),
      expect: row(UNAUTH, 204, 204, 204, DENIED, 204, DENIED),
    },
    {
      route: 'PUT /catalog/products/{id}/prices',
      variant: 'A',
      request: (w) => catalogReq('PUT', `/catalog/products/${x.cw.productId}/prices`, { storeId: w.storeA, price: 250 }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'PUT /catalog/products/{id}/prices',
      variant: 'B',
      request: (w) => catalogReq('PUT', `/catalog/products/${x.cw.productId}/prices`, { storeId: w.storeB, price: 260 }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    { route: 'GET /catalog/categories', request: () => ({ method: 'GET', url: '/catalog/categories' }), expect: row(UNAUTH, 200, 200, 200, 200, 200, DENIED) },
    {
      route: 'POST /catalog/categories',
      request: (w) => ({ method: 'POST', url: '/catalog/categories', body: { name: w.unique('Category') } }),
      expect: row(UNAUTH, 201, 201, 201, DENIED, 201, DENIED),
    },
    {
      route: 'PATCH /catalog/categories/{id}',
      request: (w) => ({ method: 'PATCH', url: `/catalog/categories/${x.cw.categoryId}`, body: { name: w.unique('Category') } }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED),
    },
    {
      route: 'DELETE /catalog/categories/{id}',
      request: async () => catalogReq('DELETE', `/catalog/categories/${await x.cw.freshCategory()}`),
      expect: row(UNAUTH, 204, 204, 204, DENIED, 204, DENIED),
    },
    { route: 'GET /catalog/tax-classes', request: () => ({ method: 'GET', url: '/catalog/tax-classes' }), expect: row(UNAUTH, 200, 200, 200, 200, 200, DENIED) },
    {
      route: 'PUT /catalog/tax-classes',
      request: () => catalogReq('PUT', '/catalog/tax-classes', { country: 'DE', code: 'zero', name: 'Zero rate', rateBp: 0 }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED),
    },
    { route: 'GET /catalog/modifier-groups', request: () => ({ method: 'GET', url: '/catalog/modifier-groups' }), expect: row(UNAUTH, 200, 200, 200, 200, 200, DENIED) },
    {
      route: 'POST /catalog/modifier-groups',
      request: (w) => ({ method: 'POST', url: '/catalog/modifier-groups', body: { name: w.unique('Group'), options: [{ name: 'Soy', priceDelta: 50 }] } }),
      expect: row(UNAUTH, 201, 201, 201, DENIED, 201, DENIED),
    },
    {
      route: 'PATCH /catalog/modifier-groups/{id}',
      request: (w) => ({ method: 'PATCH', url: `/catalog/modifier-groups/${x.cw.modifierGroupId}`, body: { name: w.unique('Group') } }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED),
    },
    {
      route: 'GET /catalog/promotions',
      variant: '?storeId=A',
      request: (w) => ({ method: 'GET', url: `/catalog/promotions?storeId=${w.storeA}` }),
      expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, DENIED),
    },
    {
      route: 'GET /catalog/promotions',
      variant: '?storeId=B',
      request: (w) => ({ method: 'GET', url: `/catalog/promotions?storeId=${w.storeB}` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'POST /catalog/promotions',
      variant: 'A',
      request: (w) => ({ method: 'POST', url: '/catalog/promotions', body: { storeId: w.storeA, name: w.unique('Promo'), effect: { type: 'percent_off', percentBp: 1000 } } }),
      expect: row(UNAUTH, 201, 201, 201, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'POST /catalog/promotions',
      variant: 'B',
      request: (w) => ({ method: 'POST', url: '/catalog/promotions', body: { storeId: w.storeB, name: w.unique('Promo'), effect: { type: 'percent_off', percentBp: 1000 } } }),
      expect: row(UNAUTH, 201, 201, FOREIGN, FOREIGN, 201, FOREIGN),
    },
    {
      route: 'PATCH /catalog/promotions/{id}',
      variant: 'A',
      request: (w) => ({ method: 'PATCH', url: `/catalog/promotions/${x.cw.promotionA}`, body: { name: w.unique('Promo') } }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'PATCH /catalog/promotions/{id}',
      variant: 'B',
      request: (w) => ({ method: 'PATCH', url: `/catalog/promotions/${x.cw.promotionB}`, body: { name: w.unique('Promo') } }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'DELETE /catalog/promotions/{id}',
      variant: 'A',
      request: () => catalogReq('DELETE', `/catalog/promotions/${x.cw.promotionA}`),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'DELETE /catalog/promotions/{id}',
      variant: 'B',
      request: () => catalogReq('DELETE', `/catalog/promotions/${x.cw.promotionB}`),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'GET /catalog/lookup',
      variant: 'A',
      request: (w) => ({ method: 'GET', url: `/catalog/lookup?storeId=${w.storeA}&code=4011` }),
      expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, DENIED),
    },
    {
      route: 'GET /catalog/lookup',
      variant: 'B (no price there)',
      request: (w) => ({ method: 'GET', url: `/catalog/lookup?storeId=${w.storeB}&code=4011` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'POST /pricing/quote',
      variant: 'A',
      request: (w) => ({ method: 'POST', url: '/pricing/quote', body: { storeId: w.storeA, lines: [{ code: '4011', qty: 3000 }] } }),
      expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, DENIED),
    },
    {
      route: 'POST /pricing/quote',
      variant: 'A, price override',
      request: (w) => ({ method: 'POST', url: '/pricing/quote', body: { storeId: w.storeA, lines: [{ code: '4011', priceOverride: 10 }] } }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'POST /pricing/quote',
      variant: 'B',
      request: (w) => ({ method: 'POST', url: '/pricing/quote', body: { storeId: w.storeB, lines: [] } }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'GET /catalog/changes',
      variant: 'A',
      request: (w) => ({ method: 'GET', url: `/catalog/changes?storeId=${w.storeA}&limit=5` }),
      expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, DENIED),
    },
    {
      route: 'GET /catalog/changes',
      variant: 'B',
      request: (w) => ({ method: 'GET', url: `/catalog/changes?storeId=${w.storeB}&limit=5` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'GET /catalog/snapshot',
      variant: 'A',
      request: (w) => ({ method: 'GET', url: `/catalog/snapshot?storeId=${w.storeA}&limit=5` }),
      expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, DENIED),
    },
    {
      route: 'GET /catalog/snapshot',
      variant: 'B',
      request: (w) => ({ method: 'GET', url: `/catalog/snapshot?storeId=${w.storeB}&limit=5` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    // Server-sent events (once=true: the hello event, then the stream closes, so inject returns).
    {
      route: 'GET /events',
      variant: 'A',
      request: (w) => ({ method: 'GET', url: `/events?storeId=${w.storeA}&once=true` }),
      expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, DENIED),
    },
    {
      route: 'GET /events',
      variant: 'B',
      request: (w) => ({ method: 'GET', url: `/events?storeId=${w.storeB}&once=true` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'GET /parked-sales',
      variant: 'A',
      request: (w) => ({ method: 'GET', url: `/parked-sales?storeId=${w.storeA}` }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'GET /parked-sales',
      variant: 'B',
      request: (w) => ({ method: 'GET', url: `/parked-sales?storeId=${w.storeB}` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'POST /catalog/import',
      variant: 'dry run, A',
      request: (w) => ({ method: 'POST', url: `/catalog/import?storeId=${w.storeA}&dryRun=true`, body: { csv: 'sku,name,price,tax_class\nM-1,Matrix,1.00,standard\n' } }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'POST /catalog/import',
      variant: 'dry run, B',
      request: (w) => ({ method: 'POST', url: `/catalog/import?storeId=${w.storeB}&dryRun=true`, body: { csv: 'sku,name,price,tax_class\nM-1,Matrix,1.00,standard\n' } }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'GET /catalog/export',
      variant: 'A',
      request: (w) => ({ method: 'GET', url: `/catalog/export?storeId=${w.storeA}` }),
      expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, DENIED),
    },
    {
      route: 'GET /catalog/export',
      variant: 'B',
      request: (w) => ({ method: 'GET', url: `/catalog/export?storeId=${w.storeB}` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },

  ];
}
