import Dexie, { type Table } from 'dexie';
import type { CachedCategory, CachedModifierGroup, CachedProduct, CachedPromotion, CachedTaxClass } from './catalog-types';
import type { SaleRequest } from './sale-request';

/**
 * The register's own database, one per paired register (IndexedDB `opentill-register-<id>`): the
 * catalog cache, the sale outbox (which doubles as the local sale history) and parked carts.
 * Survives reloads, restarts and the server being away; `navigator.storage.persist()` asks the
 * browser not to evict it.
 */

export type OutboxStatus = 'pending' | 'synced' | 'rejected';

export interface SyncError {
  status: number;
  code: string;
  message: string;
  details?: Record<string, unknown> | undefined;
}

/** What the server answered for a recorded sale. */
export interface SaleReceipt {
  storeSeq: number | null;
  receiptNo: string | null;
  total: number;
  priceSource: string | null;
  priceDifference: number;
}

/** One line of a sale as it was priced on the register: what a local (offline) refund works from. */
export interface LocalSaleLine {
  /** The line id, as on the server (a deposit line: `<line id>:deposit`). */
  id: string;
  productId: string;
  name: string;
  /** Milli-units sold. */
  qty: number;
  /** The line's total in minor units (after discounts), the base of the server's refund proration. */
  total: number;
}

/** What every outbox entry has: the queue bookkeeping. */
interface QueueBase {
  /** The document's UUIDv7 (sale, refund, cash movement, audit event): its identity on the server. */
  id: string;
  /**
   * Queue position across all kinds: the worker sends oldest first, so a refund never overtakes its
   * sale. Sale entries from before version 2 got their register number.
   */
  seq: number;
  idempotencyKey: string;
  createdAt: string;
  status: OutboxStatus;
  attempts: number;
  /** Epoch ms; the worker leaves the entry alone before then (exponential backoff). */
  nextAttemptAt: number;
  lastError: SyncError | null;
  syncedAt: string | null;
  /** Set when a manager looked at a rejected entry or a price difference. */
  reviewedAt: string | null;
  reviewedBy: string | null;
  result: SaleReceipt | null;
  /** For the local history, receipts and the review list (`total`: signed minor units). */
  summary: { total: number; change: number; tendered: number; cashierName: string; lineCount: number; lines?: LocalSaleLine[] };
}

/** A paid sale (the original outbox entry; `kind` is missing only before the version 2 upgrade ran). */
export interface OutboxEntry extends QueueBase {
  kind: 'sale';
  registerSeq: number;
  receiptNo: string;
  body: SaleRequest;
  /**
   * `resumed`: a parked sale taken over from the server — completed there with PATCH + /complete
   * instead of POST /sales (its id already exists on the server).
   */
  mode: 'sale' | 'resumed';
  /**
   * A manager's PIN that approved a price override, sent as X-Override-Pin with this sale only and
   * erased as soon as the server answered.
   */
  overridePin: string | null;
}

/** The body of POST /api/v1/sales/:id/refunds. */
export interface RefundRequest {
  id: string;
  registerSeq: number;
  receiptNo: string;
  lines: { id: string; originalLineId: string; qty: number }[];
  payments: { id: string; tender: 'cash'; amount: number }[];
  reason?: string;
}

/** A cash refund of a sale in the local history, made while offline; sent after its sale. */
export interface RefundEntry extends QueueBase {
  kind: 'refund';
  registerSeq: number;
  receiptNo: string;
  originalId: string;
  originalReceiptNo: string;
  body: RefundRequest;
  overridePin: string | null;
}

export type CashMovementKind = 'pay_in' | 'pay_out' | 'bank_deposit';

/** Cash in / cash out: POST /api/v1/shifts/:shiftId/cash-movements (idempotent by the body's id). */
export interface CashMovementEntry extends QueueBase {
  kind: 'cash_movement';
  shiftId: string;
  body: { id: string; kind: CashMovementKind; amount: number; reason: string };
}

/** A register audit event (e.g. a cart line removed): POST /api/v1/registers/:id/audit-events. */
export interface AuditEventEntry extends QueueBase {
  kind: 'audit';
  registerId: string;
  body: { id: string; type: 'cart.line_removed'; at: string; payload: Record<string, unknown> };
}

/** Everything the outbox holds, told apart by `kind`. */
export type QueueEntry = OutboxEntry | RefundEntry | CashMovementEntry | AuditEventEntry;
export type QueueKind = QueueEntry['kind'];

export interface ParkedCart {
  id: string;
  parkedAt: string;
  cashierName: string;
  label: string;
  total: number;
  cart: unknown;
  /** Parked on the server too (resumable on other registers); false while offline. */
  onServer: boolean;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export class RegisterDb extends Dexie {
  meta!: Table<MetaRow, string>;
  /**
   * The snapshot as it arrived, one record per page of up to 5000 products, as JSON text: IndexedDB's
   * cost is per record and per cloned object, so 20 strings (JSON.parse is fast) load far faster than
   * 100,000 structured-cloned objects.
   */
  snapshotChunks!: Table<{ n: number; json: string }, number>;
  /** Products changed after the snapshot (the change feed), applied over the chunks. */
  products!: Table<CachedProduct, string>;
  /** Products removed after the snapshot. */
  deletedProducts!: Table<{ id: string }, string>;
  categories!: Table<CachedCategory, string>;
  taxClasses!: Table<CachedTaxClass, string>;
  modifierGroups!: Table<CachedModifierGroup, string>;
  promotions!: Table<CachedPromotion, string>;
  outbox!: Table<QueueEntry, string>;
  parked!: Table<ParkedCart, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      meta: 'key',
      snapshotChunks: 'n',
      products: 'id',
      deletedProducts: 'id',
      categories: 'id',
      taxClasses: 'id',
      modifierGroups: 'id',
      promotions: 'id',
      outbox: 'id, &registerSeq, status, createdAt',
      parked: 'id, parkedAt',
    });
    // Version 2: the outbox also queues refunds, cash movements and audit events, in one order (`seq`).
    this.version(2)
      .stores({ outbox: 'id, &registerSeq, status, createdAt, seq, kind' })
      .upgrade(async (tx) => {
        let last = 0;
        await tx
          .table('outbox')
          .toCollection()
          .modify((e: { kind?: string; seq?: number; registerSeq: number }) => {
            e.kind ??= 'sale';
            e.seq ??= e.registerSeq;
            last = Math.max(last, e.seq);
          });
        await tx.table('meta').put({ key: 'queueSeq', value: last });
      });
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await this.meta.get(key))?.value as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await this.meta.put({ key, value });
  }
}

export const dbNameFor = (registerId: string) => `opentill-register-${registerId}`;

const open = new Map<string, RegisterDb>();

/** The database of a register, opened once per page. */
export function registerDb(registerId: string): RegisterDb {
  let db = open.get(registerId);
  if (!db) open.set(registerId, (db = new RegisterDb(dbNameFor(registerId))));
  return db;
}

/** Asks the browser to keep our data under storage pressure (best effort; Chrome decides by engagement). */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    if (!navigator.storage?.persist) return false;
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return false;
  }
}
