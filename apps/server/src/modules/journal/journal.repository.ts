import { createHash } from 'node:crypto';
import { uuidv7 } from '@opentill/core';
import type { Selectable } from 'kysely';
import type { RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import type { JournalEntriesTable } from '../../platform/db/schema.js';
import { CanonicalText, canonicalJson } from './canonical-json.js';
import { insertRows } from '../../platform/db/insert-rows.js';
import { preparedQuery } from '../../platform/db/prepared-query.js';

export type JournalEventType =
  | 'sale'
  | 'void'
  | 'refund'
  | 'exchange'
  | 'cash_in'
  | 'cash_out'
  | 'shift_open'
  | 'shift_close'
  | 'no_sale'
  | 'price_override'
  | 'training';

export type JournalRow = Selectable<JournalEntriesTable>;

export const GENESIS_HASH = '0'.repeat(64);

export interface AppendJournalInput {
  storeId: string;
  registerId: string | null;
  shiftId?: string | null;
  documentId?: string | null;
  type: JournalEventType;
  payload: unknown;
}

/** What the hash covers: every column of the entry except the hash itself. */
function hashedContent(e: Omit<JournalRow, 'hash' | 'payload'> & { payload: unknown }) {
  return {
    storeId: e.store_id,
    seq: Number(e.seq),
    id: e.id,
    at: e.at,
    type: e.type,
    registerId: e.register_id,
    shiftId: e.shift_id,
    documentId: e.document_id,
    payload: e.payload,
    prevHash: e.prev_hash,
  };
}

export function entryHash(e: Omit<JournalRow, 'hash' | 'payload'> & { payload: unknown }): string {
  return createHash('sha256').update(canonicalJson(hashedContent(e)), 'utf8').digest('hex');
}

const advanceHead = preparedQuery(
  (db, storeId: string) => db.updateTable('journal_heads').set((eb) => ({ seq: eb('seq', '+', 1) })).where('store_id', '=', storeId).returning(['seq', 'hash']),
  (storeId) => [1, storeId],
);
const setHeadHash = preparedQuery(
  (db, p: { hash: string; storeId: string }) => db.updateTable('journal_heads').set({ hash: p.hash }).where('store_id', '=', p.storeId),
  (p) => [p.hash, p.storeId],
);

/**
 * Appends one entry to the store's journal inside the caller's transaction. The head row is advanced
 * with a single `UPDATE … RETURNING`, which locks it until commit: concurrent appends queue behind it,
 * so sequence numbers are gap-free per store and each entry chains onto the one committed before it.
 * A rolled-back transaction takes its entry and its sequence number with it.
 */
export async function appendJournal(tx: RequestContext, input: AppendJournalInput): Promise<{ seq: number; hash: string }> {
  if (!tx.db.isTransaction) throw new Error('appendJournal must run inside the transaction of the journaled change');
  const payloadText = canonicalJson(input.payload ?? null);
  const advance = async () => (await advanceHead(tx.db, input.storeId))[0];
  let head = await advance();
  if (!head) {
    // The store's first entry: create the head (a concurrent first entry's INSERT may win; fine).
    await tx.db
      .insertInto('journal_heads')
      .values({ store_id: input.storeId, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('store_id').doNothing())
      .execute();
    head = (await advance())!;
  }
  const now = tx.clock.now();
  const entry = {
    store_id: input.storeId,
    seq: Number(head.seq),
    id: uuidv7(now.getTime()),
    at: iso(now),
    type: input.type,
    register_id: input.registerId,
    shift_id: input.shiftId ?? null,
    document_id: input.documentId ?? null,
    prev_hash: head.hash,
  };
  // payloadText is canonical already: hashed as is, the same bytes `journal verify` re-creates.
  const hash = entryHash({ ...entry, payload: new CanonicalText(payloadText) });
  await insertRows(tx.db, 'journal_entries', [{ ...entry, payload: payloadText, hash }]);
  await setHeadHash(tx.db, { hash, storeId: input.storeId });
  return { seq: entry.seq, hash };
}

export type JournalBreak = { seq: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'gap' };
export type JournalVerification = { ok: true; entries: number } | { ok: false; entries: number; firstBroken: JournalBreak };

const PAGE = 1000;

/**
 * Re-computes the chain in sequence order (keyset pages of 1000, so memory stays flat at any size).
 * `entries` is the number of entries found intact before the first break (all of them when ok).
 * A deleted last entry is caught by comparing with the head row.
 */
export async function verifyJournal(ctx: RequestContext, storeId: string): Promise<JournalVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  const broken = (seq: number, reason: JournalBreak['reason']): JournalVerification => ({ ok: false, entries, firstBroken: { seq, reason } });
  for (;;) {
    const rows = await ctx.db
      .selectFrom('journal_entries')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return broken(expectedSeq, 'gap');
      if (row.prev_hash !== prevHash) return broken(seq, 'prev_hash_mismatch');
      let payload: unknown;
      try {
        payload = JSON.parse(row.payload) as unknown;
      } catch {
        return broken(seq, 'hash_mismatch');
      }
      if (entryHash({ ...row, payload }) !== row.hash) return broken(seq, 'hash_mismatch');
      prevHash = row.hash;
      expectedSeq = seq + 1;
      entries += 1;
    }
    if (rows.length < PAGE) break;
  }
  const head = await ctx.db.selectFrom('journal_heads').select(['seq', 'hash']).where('store_id', '=', storeId).executeTakeFirst();
  if (head && Number(head.seq) >= expectedSeq) return broken(expectedSeq, 'gap');
  if (head && Number(head.seq) === expectedSeq - 1 && head.hash !== prevHash) return broken(expectedSeq - 1, 'hash_mismatch');
  return { ok: true, entries };
}

export async function listJournal(ctx: RequestContext, opts: { storeId: string; fromSeq: number; limit: number }) {
  const rows = await ctx.db
    .selectFrom('journal_entries')
    .selectAll()
    .where('store_id', '=', opts.storeId)
    .where('seq', '>=', opts.fromSeq)
    .orderBy('seq')
    .limit(opts.limit + 1)
    .execute();
  const page = rows.slice(0, opts.limit);
  return {
    items: page.map(presentJournalEntry),
    nextFromSeq: rows.length > opts.limit ? Number(rows[opts.limit]!.seq) : null,
  };
}

export function presentJournalEntry(r: JournalRow) {
  return {
    seq: Number(r.seq),
    id: r.id,
    at: r.at,
    type: r.type,
    registerId: r.register_id,
    shiftId: r.shift_id,
    documentId: r.document_id,
    payload: JSON.parse(r.payload) as unknown,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
