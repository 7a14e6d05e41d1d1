import type { PrincipalName, Req, World } from './matrix-fixtures.js';
import { PRINCIPALS } from './matrix-fixtures.js';
import type { CatalogWorld } from '../modules/catalog/catalog-matrix-fixtures.js';
import type { PrintingWorld } from '../modules/printing/printing-matrix-fixtures.js';
import type { ReceiptsWorld } from '../modules/receipts/receipts-matrix-fixtures.js';
import type { SalesWorld } from '../modules/sales/sales-matrix-fixtures.js';
import type { CheckoutWorld } from '../modules/shifts/checkout-matrix-fixtures.js';

/**
 * Rows of the authorization matrix (authorization-matrix.test.ts): every /api/v1 route × every
 * built-in role, a second store and a store-scoped API key. A cell is the exact answer a client gets:
 * the 2xx status when allowed, else "<status> <error.code>". The rows live beside their modules
 * (`*-matrix-cases.ts`); the test runs them all and checks that every served route has one.
 */
export type Expected = number | string;
export type Row = Record<PrincipalName, Expected>;

export interface MatrixCase {
  /** OpenAPI route, e.g. "PATCH /stores/{id}". */
  route: string;
  /** What varies (which store's object, which credential). */
  variant?: string;
  request(w: World, p: PrincipalName): Req | Promise<Req>;
  expect: Row;
}

/**
 * The modules' fixtures, built by the test's beforeAll after the rows are defined: rows read them
 * only when their request is made.
 */
export interface MatrixWorlds {
  cw: CatalogWorld;
  ckw: CheckoutWorld;
  sw: SalesWorld;
  pw: PrintingWorld;
  rw: ReceiptsWorld;
}

export const UNAUTH = '401 unauthenticated';
export const DENIED = '403 permission_denied';
export const FOREIGN = '403 store_forbidden';
export const HIDDEN = '404 not_found';
export const NF = '404 not_found';
export const TRANSITION = '409 invalid_transition';
export const NOT_REFUNDABLE = '409 not_refundable';
export const NOT_OPEN = '409 sale_not_open';
export const USE_CARD = '409 use_card_payments';
export const NOT_COMPLETED = '409 sale_not_completed';
export const NO_RECEIPT = '409 sale_not_completed';

/** Same answer for every principal. */
export const all = (e: Expected): Row => Object.fromEntries(PRINCIPALS.map((p) => [p, e])) as Row;

/** Row helper: [anonymous, owner, admin, managerA, cashierA, managerB, apiKeyA]. */
export function row(...cells: [Expected, Expected, Expected, Expected, Expected, Expected, Expected]): Row {
  return Object.fromEntries(PRINCIPALS.map((p, i) => [p, cells[i]!])) as Row;
}
