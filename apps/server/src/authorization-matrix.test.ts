import { beforeAll, expect, it } from 'vitest';
import { BUILTIN_ROLES } from './modules/access/permissions.js';
import { useHarness } from './test-support/harness.js';
import {
  buildWorld,
  must,
  openApiRoutes,
  outcome,
  PASSWORD,
  PRINCIPALS,
  registeredRoutes,
  send,
  storeInput,
  type PrincipalName,
  type Req,
  type World,
} from './test-support/matrix-fixtures.js';
import { describeEachDb } from './test-support/test-db.js';
import { uuidv7 } from '@opentill/core';
import { buildSalesWorld, type SalesWorld } from './modules/sales/sales-matrix-fixtures.js';
import { buildPrintingWorld, type PrintingWorld } from './modules/printing/printing-matrix-fixtures.js';
import { buildReceiptsWorld, type ReceiptsWorld } from './modules/receipts/receipts-matrix-fixtures.js';
import { buildCheckoutWorld, type CheckoutWorld } from './modules/shifts/checkout-matrix-fixtures.js';
import { buildCatalogWorld, catalogReq, matrixEan, matrixSku, type CatalogWorld } from './modules/catalog/catalog-matrix-fixtures.js';

/** Catalog fixtures (built with the world); module-level so the catalog rows can name their ids. */
let cw: CatalogWorld;
/** Issue 4 ledgers: shifts to report on, close and move cash in (built with the world). */
let ckw: CheckoutWorld;
let sw: SalesWorld;
/** Issue 6: a printer on register A and a queued job in store A. */
let pw: PrintingWorld;
/** Issue 6: a live digital-receipt link in store A. */
let rw: ReceiptsWorld;

/**
 * Every /api/v1 route × every built-in role, a second store and a store-scoped API key. A cell is the
 * exact answer a client gets: the 2xx status when allowed, else "<status> <error.code>".
 */

type Expected = number | string;
type Row = Record<PrincipalName, Expected>;

interface MatrixCase {
  /** OpenAPI route, e.g. "PATCH /stores/{id}". */
  route: string;
  /** What varies (which store's object, which credential). */
  variant?: string;
  request(w: World, p: PrincipalName): Req | Promise<Req>;
  expect: Row;
}

const UNAUTH = '401 unauthenticated';
const DENIED = '403 permission_denied';
const FOREIGN = '403 store_forbidden';
const HIDDEN = '404 not_found';
const NF = '404 not_found';
const TRANSITION = '409 invalid_transition';
const NOT_REFUNDABLE = '409 not_refundable';
const NOT_OPEN = '409 sale_not_open';
const USE_CARD = '409 use_card_payments';
const NOT_COMPLETED = '409 sale_not_completed';
const NO_RECEIPT = '409 sale_not_completed';

/** Same answer for every principal. */
const all = (e: Expected): Row => Object.fromEntries(PRINCIPALS.map((p) => [p, e])) as Row;

/** Row helper: [anonymous, owner, admin, managerA, cashierA, managerB, apiKeyA]. */
/** A valid register audit event body (POST /registers/{id}/audit-events). */
const lineRemovedEvent = () => ({
  id: uuidv7(),
  type: 'cart.line_removed',
  at: '2026-11-27T10:00:00.000Z',
  payload: { saleId: uuidv7(), lineId: uuidv7(), productId: uuidv7(), variantId: null, name: 'Matrix', qty: 1000, unitPrice: 100, lineTotal: 100, cashierName: 'Matrix', cashierId: null },
});

function row(...cells: [Expected, Expected, Expected, Expected, Expected, Expected, Expected]): Row {
  return Object.fromEntries(PRINCIPALS.map((p, i) => [p, cells[i]!])) as Row;
}

const label = (c: MatrixCase) => `${c.route}${c.variant ? ` (${c.variant})` : ''}`;

const CASES: MatrixCase[] = [
  // ---- auth: public routes answer with their own credential errors, never 2xx without it ----
  {
    route: 'POST /auth/login',
    variant: 'wrong password',
    request: () => ({ method: 'POST', url: '/auth/login', body: { email: 'owner@example.com', password: 'not-the-password' } }),
    expect: all('401 invalid_credentials'),
  },
  {
    route: 'POST /auth/login',
    variant: 'valid password',
    request: (w) => ({ method: 'POST', url: '/auth/login', body: { email: w.emails.cashierA, password: PASSWORD } }),
    expect: all(200),
  },
  {
    route: 'POST /auth/pin-login',
    variant: 'no device token',
    request: () => ({ method: 'POST', url: '/auth/pin-login', body: { pin: '1234' } }),
    expect: all('401 device_required'),
  },
  {
    route: 'POST /auth/pin-login',
    variant: 'paired device + PIN',
    request: (w) => ({ method: 'POST', url: '/auth/pin-login', body: { pin: '1234' }, device: w.deviceTokenA }),
    expect: all(200),
  },
  {
    route: 'POST /auth/logout',
    request: async (w, p) => ({ method: 'POST', url: '/auth/logout', token: await w.freshToken(p) }),
    expect: row(UNAUTH, 204, 204, 204, 204, 204, 204),
  },
  { route: 'GET /auth/me', request: () => ({ method: 'GET', url: '/auth/me' }), expect: row(UNAUTH, 200, 200, 200, 200, 200, 200) },

  // ---- stores ----
  { route: 'GET /stores', request: () => ({ method: 'GET', url: '/stores' }), expect: row(UNAUTH, 200, 200, 200, 200, 200, 200) },
  {
    route: 'POST /stores',
    request: (w) => ({ method: 'POST', url: '/stores', body: storeInput(w.unique('Matrix store')) }),
    expect: row(UNAUTH, 201, 201, DENIED, DENIED, DENIED, DENIED),
  },
  {
    route: 'GET /stores/{id}',
    variant: 'A',
    request: (w) => ({ method: 'GET', url: `/stores/${w.storeA}` }),
    expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, 200),
  },
  {
    route: 'GET /stores/{id}',
    variant: 'B',
    request: (w) => ({ method: 'GET', url: `/stores/${w.storeB}` }),
    expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
  },
  {
    route: 'PATCH /stores/{id}',
    variant: 'A',
    request: (w) => ({ method: 'PATCH', url: `/stores/${w.storeA}`, body: { locale: 'de-DE' } }),
    expect: row(UNAUTH, 200, 200, DENIED, DENIED, FOREIGN, DENIED),
  },
  {
    route: 'PATCH /stores/{id}',
    variant: 'B',
    request: (w) => ({ method: 'PATCH', url: `/stores/${w.storeB}`, body: { locale: 'de-DE' } }),
    expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, DENIED, FOREIGN),
  },
  {
    route: 'GET /stores/{id}/registers',
    variant: 'A',
    request: (w) => ({ method: 'GET', url: `/stores/${w.storeA}/registers` }),
    expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, 200),
  },
  {
    route: 'GET /stores/{id}/registers',
    variant: 'B',
    request: (w) => ({ method: 'GET', url: `/stores/${w.storeB}/registers` }),
    expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
  },
  {
    route: 'POST /stores/{id}/registers',
    variant: 'A',
    request: (w) => ({ method: 'POST', url: `/stores/${w.storeA}/registers`, body: { name: w.unique('Reg') } }),
    expect: row(UNAUTH, 201, 201, 201, DENIED, FOREIGN, DENIED),
  },
  {
    route: 'POST /stores/{id}/registers',
    variant: 'B',
    request: (w) => ({ method: 'POST', url: `/stores/${w.storeB}/registers`, body: { name: w.unique('Reg') } }),
    expect: row(UNAUTH, 201, 201, FOREIGN, FOREIGN, 201, FOREIGN),
  },

  // ---- registers ----
  {
    route: 'PATCH /registers/{id}',
    variant: 'A',
    request: (w) => ({ method: 'PATCH', url: `/registers/${w.registerA}`, body: { name: w.unique('Reg A') } }),
    expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
  },
  {
    route: 'PATCH /registers/{id}',
    variant: 'B',
    request: (w) => ({ method: 'PATCH', url: `/registers/${w.registerB}`, body: { name: w.unique('Reg B') } }),
    expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
  },
  {
    route: 'POST /registers/{id}/no-sale',
    variant: 'A',
    request: (w) => ({ method: 'POST', url: `/registers/${w.registerA}/no-sale`, body: { reason: 'matrix' } }),
    expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
  },
  {
    route: 'POST /registers/{id}/no-sale',
    variant: 'B',
    request: (w) => ({ method: 'POST', url: `/registers/${w.registerB}/no-sale`, body: { reason: 'matrix' } }),
    expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
  },
  {
    route: 'POST /registers/{id}/pairing-codes',
    variant: 'A',
    request: (w) => ({ method: 'POST', url: `/registers/${w.registerA}/pairing-codes` }),
    expect: row(UNAUTH, 201, 201, 201, DENIED, FOREIGN, DENIED),
  },
  {
    route: 'POST /registers/{id}/pairing-codes',
    variant: 'B',
    request: (w) => ({ method: 'POST', url: `/registers/${w.registerB}/pairing-codes` }),
    expect: row(UNAUTH, 201, 201, FOREIGN, FOREIGN, 201, FOREIGN),
  },

  // ---- devices ----
  {
    route: 'POST /devices/pair',
    variant: 'unknown code',
    request: () => ({ method: 'POST', url: '/devices/pair', body: { code: 'ABCD2345' } }),
    expect: all('400 pairing_code_invalid'),
  },
  {
    route: 'POST /devices/pair',
    variant: 'fresh code',
    request: async (w) => ({ method: 'POST', url: '/devices/pair', body: { code: await w.freshPairingCode() } }),
    expect: all(201),
  },
  {
    route: 'GET /devices/me',
    variant: 'no device token',
    request: () => ({ method: 'GET', url: '/devices/me' }),
    expect: all('401 device_required'),
  },
  {
    route: 'GET /devices/me',
    variant: 'paired device',
    request: (w) => ({ method: 'GET', url: '/devices/me', device: w.deviceTokenA }),
    expect: all(200),
  },
  { route: 'GET /devices', request: () => ({ method: 'GET', url: '/devices' }), expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED) },
  {
    route: 'GET /devices',
    variant: '?storeId=A',
    request: (w) => ({ method: 'GET', url: `/devices?storeId=${w.storeA}` }),
    expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
  },
  {
    route: 'GET /devices',
    variant: '?storeId=B',
    request: (w) => ({ method: 'GET', url: `/devices?storeId=${w.storeB}` }),
    expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
  },
  {
    route: 'PATCH /devices/{id}',
    variant: 'A',
    request: (w) => ({ method: 'PATCH', url: `/devices/${w.devices.renameA}`, body: { name: w.unique('Counter') } }),
    expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
  },
  {
    route: 'PATCH /devices/{id}',
    variant: 'B',
    request: (w) => ({ method: 'PATCH', url: `/devices/${w.devices.renameB}`, body: { name: w.unique('Counter') } }),
    expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
  },
  {
    route: 'POST /devices/{id}/revoke',
    variant: 'A',
    request: (w) => ({ method: 'POST', url: `/devices/${w.devices.revokeA}/revoke` }),
    expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
  },
  {
    route: 'POST /devices/{id}/revoke',
    variant: 'B',
    request: (w) => ({ method: 'POST', url: `/devices/${w.devices.revokeB}/revoke` }),
    expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
  },

  // ---- access: permissions, users, roles, API keys ----
  { route: 'GET /permissions', request: () => ({ method: 'GET', url: '/permissions' }), expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED) },
  { route: 'GET /users', request: () => ({ method: 'GET', url: '/users' }), expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED) },
  {
    route: 'GET /users',
    variant: '?storeId=A',
    request: (w) => ({ method: 'GET', url: `/users?storeId=${w.storeA}` }),
    expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
  },
  {
    route: 'GET /users',
    variant: '?storeId=B',
    request: (w) => ({ method: 'GET', url: `/users?storeId=${w.storeB}` }),
    expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
  },
  {
    route: 'POST /users',
    variant: 'cashier in A',
    request: (w) => ({
      method: 'POST',
      url: '/users',
      body: { name: w.unique('New cashier'), email: `${w.unique('new').replace(/\W/g, '')}@matrix.example`, password: PASSWORD, roleId: w.roles.cashier, storeIds: [w.storeA] },
    }),
    // Built-in managers hold users.read but not users.manage.
    expect: row(UNAUTH, 201, 201, DENIED, DENIED, DENIED, DENIED),
  },
  {
    route: 'GET /users/{id}',
    variant: 'user of A',
    request: (w) => ({ method: 'GET', url: `/users/${w.users.targetA}` }),
    expect: row(UNAUTH, 200, 200, 200, DENIED, HIDDEN, DENIED),
  },
  {
    route: 'GET /users/{id}',
    variant: 'user of B',
    request: (w) => ({ method: 'GET', url: `/users/${w.users.targetB}` }),
    expect: row(UNAUTH, 200, 200, HIDDEN, DENIED, 200, DENIED),
  },
  {
    route: 'PATCH /users/{id}',
    variant: 'user of A',
    request: (w) => ({ method: 'PATCH', url: `/users/${w.users.targetA}`, body: { name: w.unique('Target A') } }),
    expect: row(UNAUTH, 200, 200, DENIED, DENIED, DENIED, DENIED),
  },
  {
    route: 'PATCH /users/{id}',
    variant: 'user of B',
    request: (w) => ({ method: 'PATCH', url: `/users/${w.users.targetB}`, body: { name: w.unique('Target B') } }),
    expect: row(UNAUTH, 200, 200, DENIED, DENIED, DENIED, DENIED),
  },
  {
    route: 'POST /users/{id}/password',
    variant: 'user of A',
    request: (w) => ({ method: 'POST', url: `/users/${w.users.targetA}/password`, body: { password: PASSWORD } }),
    expect: row(UNAUTH, 204, 204, DENIED, DENIED, DENIED, DENIED),
  },
  {
    route: 'POST /users/{id}/password',
    variant: 'user of B',
    request: (w) => ({ method: 'POST', url: `/users/${w.users.targetB}/password`, body: { password: PASSWORD } }),
    expect: row(UNAUTH, 204, 204, DENIED, DENIED, DENIED, DENIED),
  },
  { route: 'GET /roles', request: () => ({ method: 'GET', url: '/roles' }), expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED) },
  {
    route: 'POST /roles',
    request: (w) => ({ method: 'POST', url: '/roles', body: { name: w.unique('Role'), permissions: ['stores.read', 'catalog.read'] } }),
    expect: row(UNAUTH, 201, 201, DENIED, DENIED, DENIED, DENIED),
  },
  {
    route: 'PATCH /roles/{id}',
    request: (w) => ({ method: 'PATCH', url: `/roles/${w.customRoleId}`, body: { name: w.unique('Role') } }),
    expect: row(UNAUTH, 200, 200, DENIED, DENIED, DENIED, DENIED),
  },
  { route: 'GET /api-keys', request: () => ({ method: 'GET', url: '/api-keys' }), expect: row(UNAUTH, 200, 200, DENIED, DENIED, DENIED, DENIED) },
  {
    route: 'POST /api-keys',
    request: (w) => ({ method: 'POST', url: '/api-keys', body: { name: w.unique('Key'), permissions: ['stores.read'], storeIds: [w.storeA] } }),
    expect: row(UNAUTH, 201, 201, DENIED, DENIED, DENIED, DENIED),
  },
  {
    route: 'POST /api-keys/{id}/revoke',
    request: (w) => ({ method: 'POST', url: `/api-keys/${w.revocableKeyId}/revoke` }),
    expect: row(UNAUTH, 200, 200, DENIED, DENIED, DENIED, DENIED),
  },

  // ---- audit ----
  { route: 'GET /audit', request: () => ({ method: 'GET', url: '/audit' }), expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED) },
  {
    route: 'GET /audit',
    variant: '?storeId=A',
    request: (w) => ({ method: 'GET', url: `/audit?storeId=${w.storeA}` }),
    expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
  },
  {
    route: 'GET /audit',
    variant: '?storeId=B',
    request: (w) => ({ method: 'GET', url: `/audit?storeId=${w.storeB}` }),
    expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
  },
  // ---- catalog (org-level catalog; prices, promotions and register reads are per store) ----
  { route: 'GET /catalog/products', request: () => ({ method: 'GET', url: '/catalog/products' }), expect: row(UNAUTH, 200, 200, 200, 200, 200, DENIED) },
  {
    route: 'POST /catalog/products',
    request: () => ({ method: 'POST', url: '/catalog/products', body: { sku: matrixSku(), name: 'Matrix new', taxClass: 'reduced' } }),
    expect: row(UNAUTH, 201, 201, 201, DENIED, 201, DENIED),
  },
  { route: 'GET /catalog/products/{id}', request: () => ({ method: 'GET', url: `/catalog/products/${cw.productId}` }), expect: row(UNAUTH, 200, 200, 200, 200, 200, DENIED) },
  {
    route: 'PATCH /catalog/products/{id}',
    request: () => ({ method: 'PATCH', url: `/catalog/products/${cw.productId}`, body: { description: 'matrix' } }),
    expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED),
  },
  {
    route: 'DELETE /catalog/products/{id}',
    request: () => catalogReq('DELETE', `/catalog/products/${cw.archivableId}`),
    expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED),
  },
  {
    route: 'POST /catalog/products/{id}/variants',
    request: () => ({ method: 'POST', url: `/catalog/products/${cw.productId}/variants`, body: { sku: matrixSku(), options: { size: 'L' } } }),
    expect: row(UNAUTH, 201, 201, 201, DENIED, 201, DENIED),
  },
  {
    route: 'PATCH /catalog/variants/{id}',
    request: () => ({ method: 'PATCH', url: `/catalog/variants/${cw.variantId}`, body: { name: 'Medium' } }),
    expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED),
  },
  {
    route: 'POST /catalog/products/{id}/barcodes',
    request: () => ({ method: 'POST', url: `/catalog/products/${cw.productId}/barcodes`, body: { code: matrixEan() } }),
    expect: row(UNAUTH, 201, 201, 201, DENIED, 201, DENIED),
  },
  {
    route: 'DELETE /catalog/barcodes/{id}',
    request: async () => catalogReq('DELETE', `/catalog/barcodes/${await cw.freshBarcode()}`),
    expect: row(UNAUTH, 204, 204, 204, DENIED, 204, DENIED),
  },
  {
    route: 'PUT /catalog/products/{id}/prices',
    variant: 'A',
    request: (w) => catalogReq('PUT', `/catalog/products/${cw.productId}/prices`, { storeId: w.storeA, price: 250 }),
    expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
  },
  {
    route: 'PUT /catalog/products/{id}/prices',
    variant: 'B',
    request: (w) => catalogReq('PUT', `/catalog/products/${cw.productId}/prices`, { storeId: w.storeB, price: 260 }),
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
    request: (w) => ({ method: 'PATCH', url: `/catalog/categories/${cw.categoryId}`, body: { name: w.unique('Category') } }),
    expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED),
  },
  {
    route: 'DELETE /catalog/categories/{id}',
    request: async () => catalogReq('DELETE', `/catalog/categories/${await cw.freshCategory()}`),
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
    request: (w) => ({ method: 'PATCH', url: `/catalog/modifier-groups/${cw.modifierGroupId}`, body: { name: w.unique('Group') } }),
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
    request: (w) => ({ method: 'PATCH', url: `/catalog/promotions/${cw.promotionA}`, body: { name: w.unique('Promo') } }),
    expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
  },
  {
    route: 'PATCH /catalog/promotions/{id}',
    variant: 'B',
    request: (w) => ({ method: 'PATCH', url: `/catalog/promotions/${cw.promotionB}`, body: { name: w.unique('Promo') } }),
    expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
  },
  {
    route: 'DELETE /catalog/promotions/{id}',
    variant: 'A',
    request: () => catalogReq('DELETE', `/catalog/promotions/${cw.promotionA}`),
    expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
  },
  {
    route: 'DELETE /catalog/promotions/{id}',
    variant: 'B',
    request: () => catalogReq('DELETE', `/catalog/promotions/${cw.promotionB}`),
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

  // ---- sales (issue 4). Allowed callers reach the command, which then refuses the deliberately
  // unusable body (unknown product, voided sale) — so no cell changes state. ----
  {
    route: 'POST /sales',
    variant: 'A',
    request: (w) => ({ method: 'POST', url: '/sales', body: sw.saleBody(w.registerA) }),
    expect: row(UNAUTH, NF, NF, NF, NF, FOREIGN, DENIED),
  },
  {
    route: 'POST /sales',
    variant: 'B',
    request: (w) => ({ method: 'POST', url: '/sales', body: sw.saleBody(w.registerB) }),
    expect: row(UNAUTH, NF, NF, FOREIGN, FOREIGN, NF, FOREIGN),
  },
  {
    route: 'POST /sales/open',
    request: (w) => ({ method: 'POST', url: '/sales/open', body: { id: uuidv7(), registerId: w.registerA, lines: sw.unknownLines() } }),
    expect: row(UNAUTH, NF, NF, NF, NF, FOREIGN, DENIED),
  },
  {
    route: 'PATCH /sales/{id}',
    request: () => ({ method: 'PATCH', url: `/sales/${sw.openSaleId}`, body: { lines: sw.unknownLines() } }),
    expect: row(UNAUTH, NF, NF, NF, NF, FOREIGN, DENIED),
  },
  {
    route: 'POST /sales/{id}/payments',
    request: () => ({ method: 'POST', url: `/sales/${sw.openSaleId}/payments`, body: { id: uuidv7(), tender: 'card', amount: 100 } }),
    expect: row(UNAUTH, USE_CARD, USE_CARD, USE_CARD, USE_CARD, FOREIGN, DENIED),
  },
  {
    route: 'POST /sales/{id}/park',
    request: () => ({ method: 'POST', url: `/sales/${sw.voidedSaleId}/park` }),
    expect: row(UNAUTH, TRANSITION, TRANSITION, TRANSITION, TRANSITION, FOREIGN, DENIED),
  },
  {
    route: 'POST /sales/{id}/resume',
    request: () => ({ method: 'POST', url: `/sales/${sw.voidedSaleId}/resume`, body: {} }),
    expect: row(UNAUTH, TRANSITION, TRANSITION, TRANSITION, TRANSITION, FOREIGN, DENIED),
  },
  {
    route: 'POST /sales/{id}/void',
    variant: 'already voided',
    request: () => ({ method: 'POST', url: `/sales/${sw.voidedSaleId}/void`, body: { reason: 'matrix' } }),
    expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
  },
  {
    route: 'POST /sales/{id}/complete',
    request: () => ({ method: 'POST', url: `/sales/${sw.voidedSaleId}/complete`, body: { registerSeq: 1, receiptNo: 'MX-1' } }),
    expect: row(UNAUTH, TRANSITION, TRANSITION, TRANSITION, TRANSITION, FOREIGN, DENIED),
  },
  {
    route: 'POST /sales/{id}/refunds',
    request: (w) => ({ method: 'POST', url: `/sales/${sw.voidedSaleId}/refunds`, body: sw.refundBody(w.registerA) }),
    expect: row(UNAUTH, NOT_REFUNDABLE, NOT_REFUNDABLE, NOT_REFUNDABLE, DENIED, FOREIGN, DENIED),
  },
  {
    route: 'POST /sales/{id}/exchanges',
    request: (w) => ({ method: 'POST', url: `/sales/${sw.voidedSaleId}/exchanges`, body: { ...sw.refundBody(w.registerA), returns: sw.refundBody(w.registerA).lines, lines: sw.unknownLines(), payments: [], totals: { total: 0 } } }),
    expect: row(UNAUTH, NOT_REFUNDABLE, NOT_REFUNDABLE, NOT_REFUNDABLE, DENIED, FOREIGN, DENIED),
  },
  {
    route: 'POST /refunds/no-receipt',
    request: (w) => ({ method: 'POST', url: '/refunds/no-receipt', body: { ...sw.refundBody(w.registerA), lines: sw.unknownLines(), reason: 'matrix' } }),
    expect: row(UNAUTH, NF, NF, NF, DENIED, FOREIGN, DENIED),
  },
  { route: 'GET /sales/{id}', request: () => ({ method: 'GET', url: `/sales/${sw.voidedSaleId}` }), expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED) },
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
    request: () => ({ method: 'GET', url: `/sales/by-receipt-link/${rw.tokenA}` }),
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
    request: (w) => ({ method: 'POST', url: `/registers/${w.registerA}/card-payments`, body: { id: uuidv7(), amount: 100, saleId: sw.voidedSaleId } }),
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
    request: () => ({ method: 'POST', url: `/sales/${sw.voidedSaleId}/print`, body: { copy: true } }),
    expect: row(UNAUTH, NO_RECEIPT, NO_RECEIPT, NO_RECEIPT, NO_RECEIPT, FOREIGN, DENIED),
  },
  {
    route: 'POST /sales/{id}/email',
    variant: 'voided sale',
    request: () => ({ method: 'POST', url: `/sales/${sw.voidedSaleId}/email`, body: { to: 'kunde@example.com' } }),
    expect: row(UNAUTH, NO_RECEIPT, NO_RECEIPT, NO_RECEIPT, NO_RECEIPT, FOREIGN, DENIED),
  },
  {
    route: 'POST /sales/{id}/sms',
    variant: 'voided sale',
    request: () => ({ method: 'POST', url: `/sales/${sw.voidedSaleId}/sms`, body: { to: '+4915112345678' } }),
    expect: row(UNAUTH, NO_RECEIPT, NO_RECEIPT, NO_RECEIPT, NO_RECEIPT, FOREIGN, DENIED),
  },
  {
    route: 'GET /delivery-jobs/{id}',
    variant: 'A',
    request: () => ({ method: 'GET', url: `/delivery-jobs/${pw.jobA}` }),
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
    request: () => ({ method: 'POST', url: `/sales/${sw.voidedSaleId}/receipt-link` }),
    expect: row(UNAUTH, NOT_COMPLETED, NOT_COMPLETED, NOT_COMPLETED, DENIED, FOREIGN, DENIED),
  },
  {
    route: 'DELETE /receipt-links/{token}',
    variant: 'link in A',
    request: () => ({ method: 'DELETE', url: `/receipt-links/${rw.tokenA}` }),
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
    request: (w) => ({ method: 'POST', url: `/stores/${w.storeA}/stock/adjustments`, body: { id: uuidv7(), lines: [{ productId: cw.productId, qtyMilli: 1000, reason: 'matrix' }] } }),
    expect: row(UNAUTH, 201, 201, 201, DENIED, FOREIGN, DENIED),
  },
  {
    route: 'POST /stores/{id}/stock/adjustments',
    variant: 'B',
    request: (w) => ({ method: 'POST', url: `/stores/${w.storeB}/stock/adjustments`, body: { id: uuidv7(), lines: [{ productId: cw.productId, qtyMilli: 1000, reason: 'matrix' }] } }),
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
    request: async (w) => ({ method: 'POST', url: `/registers/${await ckw.freshRegister(w.storeA)}/shifts`, body: { id: uuidv7(), openingFloat: 5000 } }),
    expect: row(UNAUTH, 201, 201, 201, 201, FOREIGN, DENIED),
  },
  {
    route: 'POST /registers/{id}/shifts',
    variant: 'B, fresh register',
    request: async (w) => ({ method: 'POST', url: `/registers/${await ckw.freshRegister(w.storeB)}/shifts`, body: { id: uuidv7(), openingFloat: 5000 } }),
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
    request: () => ({ method: 'POST', url: `/shifts/${ckw.openA}/cash-movements`, body: { id: uuidv7(), kind: 'pay_in', amount: 100, reason: 'matrix' } }),
    expect: row(UNAUTH, 201, 201, 201, 201, FOREIGN, DENIED),
  },
  {
    route: 'POST /shifts/{id}/cash-movements',
    variant: 'B',
    request: () => ({ method: 'POST', url: `/shifts/${ckw.openB}/cash-movements`, body: { id: uuidv7(), kind: 'pay_out', amount: 100, reason: 'matrix' } }),
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
    request: () => ({ method: 'GET', url: `/shifts/${ckw.openA}/x-report` }),
    expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, DENIED),
  },
  {
    route: 'GET /shifts/{id}/x-report',
    variant: 'B',
    request: () => ({ method: 'GET', url: `/shifts/${ckw.openB}/x-report` }),
    expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
  },
  {
    route: 'POST /shifts/{id}/close',
    variant: 'A (idempotent)',
    request: () => ({ method: 'POST', url: `/shifts/${ckw.closeA}/close`, body: { countedCash: 10_000 } }),
    expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, DENIED),
  },
  {
    route: 'POST /shifts/{id}/close',
    variant: 'B (idempotent)',
    request: () => ({ method: 'POST', url: `/shifts/${ckw.closeB}/close`, body: { countedCash: 10_000 } }),
    expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
  },
  {
    route: 'GET /shifts/{id}/z-report',
    variant: 'A',
    request: () => ({ method: 'GET', url: `/shifts/${ckw.closedA}/z-report` }),
    expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, DENIED),
  },
  {
    route: 'GET /shifts/{id}/z-report',
    variant: 'B',
    request: () => ({ method: 'GET', url: `/shifts/${ckw.closedB}/z-report` }),
    expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
  },
];

describeEachDb('authorization matrix: every route × every built-in role × two stores', (target) => {
  const h = useHarness(target);
  let w: World;

  beforeAll(async () => {
    w = await buildWorld(h);
    cw = await buildCatalogWorld(h, w);
    ckw = await buildCheckoutWorld(h, w);
    sw = await buildSalesWorld(h, w);
    pw = await buildPrintingWorld(h, w);
    rw = await buildReceiptsWorld(h, w, sw);
  });

  it('has a row for every /api/v1 route the app serves, and none for routes that do not exist', async () => {
    const documented = await openApiRoutes(h);
    const routed = registeredRoutes(h.app.printRoutes({ commonPrefix: false }));
    const inMatrix = [...new Set(CASES.map((c) => c.route))].sort();
    expect(documented.length).toBeGreaterThan(20);
    // A route hidden from the OpenAPI document would otherwise escape the matrix.
    expect(routed).toEqual(documented);
    expect(documented.filter((r) => !inMatrix.includes(r))).toEqual([]);
    expect(inMatrix.filter((r) => !documented.includes(r))).toEqual([]);
  });

  it.each(PRINCIPALS)('%s gets exactly the expected answer on every route', async (p) => {
    const actual: Record<string, Expected> = {};
    const expected: Record<string, Expected> = {};
    for (const c of CASES) {
      const r = await c.request(w, p);
      const res = await send(h, { ...r, token: 'token' in r ? r.token : w.tokens[p] });
      actual[label(c)] = outcome(res);
      expected[label(c)] = c.expect[p];
    }
    expect(actual).toEqual(expected);
  });

  it('lists only the stores each principal may see', async () => {
    const seen: Record<string, string[]> = {};
    for (const p of PRINCIPALS.filter((x) => x !== 'anonymous')) {
      const res = await send(h, { method: 'GET', url: '/stores', token: w.tokens[p] });
      must(res, 200, `GET /stores as ${p}`);
      const ids = (res.json().items as { id: string }[]).map((s) => s.id);
      seen[p] = ids.map((id) => (id === w.storeA ? 'A' : id === w.storeB ? 'B' : 'other'));
    }
    expect({ managerA: seen.managerA, cashierA: seen.cashierA, managerB: seen.managerB, apiKeyA: seen.apiKeyA }).toEqual({
      managerA: ['A'],
      cashierA: ['A'],
      managerB: ['B'],
      apiKeyA: ['A'],
    });
    expect(seen.owner).toEqual(expect.arrayContaining(['A', 'B']));
    expect(seen.admin).toEqual(expect.arrayContaining(['A', 'B']));
  });

  it('gives a manager of store B nothing of store A — not in lists, not in error messages', async () => {
    const leaks: string[] = [];
    const ids = [w.storeA, w.registerA, w.devices.renameA, w.users.targetA, w.users.managerA, w.users.cashierA];
    for (const c of CASES) {
      const r = await c.request(w, 'managerB');
      if (r.method !== 'GET') continue;
      const res = await send(h, { ...r, token: 'token' in r ? r.token : w.tokens.managerB });
      // GET /devices/me with store A's own device token is that device's own answer, not managerB's.
      if (r.device) continue;
      for (const id of ids) if (res.body.includes(id)) leaks.push(`${label(c)} contains ${id}`);
      if (res.body.includes('Demo Store Berlin')) leaks.push(`${label(c)} contains store A's name`);
    }
    expect(leaks).toEqual([]);

    const devices = (await send(h, { method: 'GET', url: '/devices', token: w.tokens.managerB })).json().items as { id: string; storeId: string }[];
    expect(devices.map((d) => d.id)).toContain(w.devices.renameB);
    expect(new Set(devices.map((d) => d.storeId))).toEqual(new Set([w.storeB]));
    const audit = (await send(h, { method: 'GET', url: '/audit?limit=500', token: w.tokens.managerB })).json().items as { storeId: string }[];
    expect(audit.length).toBeGreaterThan(0);
    expect(new Set(audit.map((e) => e.storeId))).toEqual(new Set([w.storeB]));
    const users = (await send(h, { method: 'GET', url: '/users', token: w.tokens.managerB })).json().items as { id: string }[];
    expect(users.map((u) => u.id)).toEqual(expect.arrayContaining([w.users.managerB, w.users.targetB]));
  });

  it('refuses privilege escalation: nobody grants a role, store or permission they do not hold', async () => {
    // Built-in managers may read staff but not create them; a custom "store lead" may.
    const leadRole = await send(h, {
      method: 'POST',
      url: '/roles',
      token: w.tokens.owner,
      body: { name: w.unique('Store lead'), permissions: [...BUILTIN_ROLES.manager.permissions, 'users.manage'] },
    });
    must(leadRole, 201, 'POST /roles (store lead)');
    const leadEmail = `lead.${Date.now().toString(36)}@matrix.example`;
    must(
      await send(h, {
        method: 'POST',
        url: '/users',
        token: w.tokens.owner,
        body: { name: 'Lead A', email: leadEmail, password: PASSWORD, roleId: leadRole.json().id, storeIds: [w.storeA] },
      }),
      201,
      'POST /users (lead A)',
    );
    const lead = await h.login(leadEmail, PASSWORD);
    const newUser = (roleId: string, extra: object = { storeIds: [w.storeA] }) => ({
      name: w.unique('Escalation'),
      email: `${w.unique('esc').replace(/\W/g, '')}@matrix.example`,
      password: PASSWORD,
      roleId,
      ...extra,
    });
    const usersBefore = await h.count('users');

    const attempts: Record<string, Req & { token: string | undefined }> = {
      'managerA creates an owner': { method: 'POST', url: '/users', token: w.tokens.managerA, body: newUser(w.roles.owner) },
      'managerA creates a user in store B': { method: 'POST', url: '/users', token: w.tokens.managerA, body: newUser(w.roles.cashier, { storeIds: [w.storeB] }) },
      'managerA creates an API key': {
        method: 'POST',
        url: '/api-keys',
        token: w.tokens.managerA,
        body: { name: 'mine', permissions: ['stores.read'], storeIds: [w.storeA] },
      },
      'managerA creates a role': { method: 'POST', url: '/roles', token: w.tokens.managerA, body: { name: w.unique('Mine'), permissions: ['stores.read'] } },
      'lead creates an owner': { method: 'POST', url: '/users', token: lead, body: newUser(w.roles.owner) },
      'lead creates an admin in store A': { method: 'POST', url: '/users', token: lead, body: newUser(w.roles.admin) },
      'lead creates an all-stores cashier': { method: 'POST', url: '/users', token: lead, body: newUser(w.roles.cashier, { allStores: true }) },
      'lead creates a cashier in store B': { method: 'POST', url: '/users', token: lead, body: newUser(w.roles.cashier, { storeIds: [w.storeB] }) },
      'lead promotes cashierA to owner': { method: 'PATCH', url: `/users/${w.users.cashierA}`, token: lead, body: { roleId: w.roles.owner } },
      'lead adds store B to cashierA': { method: 'PATCH', url: `/users/${w.users.cashierA}`, token: lead, body: { storeIds: [w.storeA, w.storeB] } },
      'lead renames managerB': { method: 'PATCH', url: `/users/${w.users.managerB}`, token: lead, body: { name: 'Hijacked' } },
      'lead renames the owner': { method: 'PATCH', url: `/users/${w.users.owner}`, token: lead, body: { name: 'Hijacked' } },
      'lead resets the owner password': { method: 'POST', url: `/users/${w.users.owner}/password`, token: lead, body: { password: 'hijacked-password' } },
      'admin creates an owner': { method: 'POST', url: '/users', token: w.tokens.admin, body: newUser(w.roles.owner, { allStores: true }) },
      'admin creates a role with settings.manage': {
        method: 'POST',
        url: '/roles',
        token: w.tokens.admin,
        body: { name: w.unique('Settings'), permissions: ['settings.manage'] },
      },
      'admin adds settings.manage to a role': {
        method: 'PATCH',
        url: `/roles/${w.customRoleId}`,
        token: w.tokens.admin,
        body: { permissions: ['stores.read', 'settings.manage'] },
      },
      'admin creates an API key with settings.manage': {
        method: 'POST',
        url: '/api-keys',
        token: w.tokens.admin,
        body: { name: 'settings', permissions: ['settings.manage'], allStores: true },
      },
      'managerB creates an API key for store A': {
        method: 'POST',
        url: '/api-keys',
        token: w.tokens.managerB,
        body: { name: 'peek', permissions: ['stores.read'], storeIds: [w.storeA] },
      },
    };
    const actual: Record<string, Expected> = {};
    for (const [what, r] of Object.entries(attempts)) actual[what] = outcome(await send(h, r));
    expect(actual).toEqual({
      'managerA creates an owner': DENIED,
      'managerA creates a user in store B': DENIED,
      'managerA creates an API key': DENIED,
      'managerA creates a role': DENIED,
      'lead creates an owner': '403 privilege_escalation',
      'lead creates an admin in store A': '403 privilege_escalation',
      'lead creates an all-stores cashier': '403 privilege_escalation',
      'lead creates a cashier in store B': FOREIGN,
      'lead promotes cashierA to owner': '403 privilege_escalation',
      'lead adds store B to cashierA': FOREIGN,
      'lead renames managerB': FOREIGN,
      'lead renames the owner': FOREIGN,
      'lead resets the owner password': FOREIGN,
      'admin creates an owner': '403 privilege_escalation',
      'admin creates a role with settings.manage': '403 privilege_escalation',
      'admin adds settings.manage to a role': '403 privilege_escalation',
      'admin creates an API key with settings.manage': '403 privilege_escalation',
      'managerB creates an API key for store A': DENIED,
    });
    expect(await h.count('users')).toBe(usersBefore);

    // Nothing changed hands: the owner still logs in with the demo password, cashierA is still a cashier in A.
    expect(await h.login()).toBeTruthy();
    const cashier = (await send(h, { method: 'GET', url: `/users/${w.users.cashierA}`, token: w.tokens.owner })).json();
    expect({ role: cashier.role, storeIds: cashier.storeIds, allStores: cashier.allStores }).toEqual({ role: 'cashier', storeIds: [w.storeA], allStores: false });

    // Control: what the lead does hold, the lead may grant.
    const ok = await send(h, { method: 'POST', url: '/users', token: lead, body: newUser(w.roles.cashier) });
    expect(outcome(ok)).toBe(201);
    expect(ok.json()).toMatchObject({ role: 'cashier', storeIds: [w.storeA], allStores: false });
  });
});
