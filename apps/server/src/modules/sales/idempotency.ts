import { createHash } from 'node:crypto';
import type { RequestContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import { isUniqueViolation } from '../../platform/db/dialect-sql.js';
import { conflict, invalid } from '../../platform/errors.js';
import { insertRows } from '../../platform/db/insert-rows.js';

/**
 * Idempotent writes. The key row is inserted LAST in the document's transaction, with the answer (one
 * statement instead of claim + update). A concurrent duplicate either fails on a unique constraint
 * (the document id, the key) or is refused by a business rule its twin just satisfied (already
 * refunded, stock taken); either way it then finds the twin's committed key row and answers with the
 * stored response. The same key with another body is refused (`idempotency_key_reused`). Nothing here
 * depends on timing.
 */
export interface StoredResponse {
  statusCode: number;
  body: unknown;
  replayed: boolean;
  /** `body` as JSON, exactly as stored with the key: routes send it as is instead of serialising again. */
  json?: string;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function requestHash(route: string, body: unknown): string {
  return createHash('sha256').update(route).update('\n').update(canonical(body)).digest('hex');
}

export function idempotencyKey(header: unknown, fallback: string): string {
  if (header === undefined) return fallback;
  if (typeof header !== 'string' || !/^[\x21-\x7e]{8,200}$/.test(header)) {
    throw invalid('invalid_idempotency_key', 'Idempotency-Key: 8–200 printable ASCII characters', { field: 'headers.idempotency-key' });
  }
  return header;
}

async function stored(ctx: RequestContext, key: string, storeId: string, hash: string): Promise<StoredResponse | undefined> {
  const row = await ctx.db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row) return undefined;
  if (row.request_hash !== hash || row.store_id !== storeId) {
    throw conflict('idempotency_key_reused', 'This Idempotency-Key was used for a different request', { field: 'headers.idempotency-key' });
  }
  return { statusCode: row.status_code, body: JSON.parse(row.response) as unknown, replayed: true, json: row.response };
}

export async function idempotent<P = undefined>(
  ctx: RequestContext,
  opts: {
    key: string;
    storeId: string;
    route: string;
    body: unknown;
    prepare?: () => Promise<P>;
    /**
     * false: skip looking the key up first. Only for writes whose `run` is refused by a unique
     * constraint or answers from the existing document when repeated (a sale with its own id): the key
     * row written last still catches the repeat, one query fewer for every first attempt.
     */
    lookupFirst?: boolean;
  },
  run: (tx: RequestContext, prepared: P) => Promise<{ statusCode: number; body: unknown }>,
): Promise<StoredResponse> {
  const hash = requestHash(opts.route, opts.body);
  if (opts.lookupFirst !== false) {
    const before = await stored(ctx, opts.key, opts.storeId, hash);
    if (before) return before;
  }
  // Work that needs no lock (pricing) runs before the transaction, so the write transaction — and on
  // SQLite the single connection — is held only for the writes. A replay never gets here.
  const prepared = (opts.prepare ? await opts.prepare() : undefined) as P;
  // One retry: a unique violation is either the duplicate (answered from the key row) or a number
  // that a concurrent document took a moment earlier (the second attempt sees it and reports it).
  for (let attempt = 0; ; attempt++) {
    try {
      return await inTransaction(ctx, async (tx) => {
        const result = await run(tx, prepared);
        // The key row is written last, with the answer, in the same transaction: a concurrent request
        // with the same key (or the same document id) hits a unique constraint, rolls back and is
        // answered from the committed row on its retry.
        const json = JSON.stringify(result.body);
        await insertRows(tx.db, 'idempotency_keys', [
          { key: opts.key, store_id: opts.storeId, request_hash: hash, status_code: result.statusCode, response: json, created_at: iso(tx.clock.now()) },
        ]);
        return { ...result, replayed: false, json };
      });
    } catch (err) {
      // A concurrent request with the same key may have committed while this one ran: it wins, and
      // this attempt's failure (a unique violation, or a business refusal such as "already refunded"
      // that only happened because the twin went first) is answered with the twin's stored answer.
      const after = await stored(ctx, opts.key, opts.storeId, hash);
      if (after) return after;
      if (!isUniqueViolation(err) || attempt >= 1) throw err;
    }
  }
}
