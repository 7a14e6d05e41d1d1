import type { RequestContext } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { presentSaleHeader } from './sale.presenter.js';
import { claimedSeqs, listSales } from './sales.repository.js';

/** Read side: lists of completed documents and the register sequence report. */

export async function salesPage(
  ctx: RequestContext,
  f: { storeId: string; registerId?: string | undefined; from?: string | undefined; to?: string | undefined; cursor?: string | undefined; limit: number },
) {
  let after: { at: string; id: string } | undefined;
  if (f.cursor) {
    try {
      const [at, id] = JSON.parse(Buffer.from(f.cursor, 'base64url').toString('utf8')) as [string, string];
      if (typeof at !== 'string' || typeof id !== 'string') throw new Error('bad cursor');
      after = { at, id };
    } catch {
      throw invalid('invalid_cursor', 'Pass nextCursor of the previous page unchanged', { field: 'querystring.cursor' });
    }
  }
  const rows = await listSales(ctx, { ...f, after, limit: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentSaleHeader),
    nextCursor: rows.length > f.limit && last ? Buffer.from(JSON.stringify([last.completed_at, last.id])).toString('base64url') : null,
  };
}

/**
 * Gaps and duplicates in a register's receipt numbers. The register numbers its documents 1, 2, 3 …
 * (also offline); every number between 1 and the highest seen that no document claims is missing,
 * every number claimed by more than one document is a duplicate.
 */
export async function sequenceReport(ctx: RequestContext, registerId: string) {
  const rows = await claimedSeqs(ctx, registerId);
  const by = new Map<number, { id: string; receiptNo: string | null }[]>();
  for (const r of rows) {
    const n = Number(r.claimed_register_seq);
    by.set(n, [...(by.get(n) ?? []), { id: r.id, receiptNo: r.receipt_no }]);
  }
  const highest = rows.length ? Number(rows.at(-1)!.claimed_register_seq) : 0;
  const missing: number[] = [];
  let missingCount = 0;
  for (let n = 1; n <= highest; n++) {
    if (by.has(n)) continue;
    missingCount += 1;
    if (missing.length < 1000) missing.push(n);
  }
  const duplicates = [...by].filter(([, docs]) => docs.length > 1).map(([registerSeq, docs]) => ({ registerSeq, documents: docs }));
  return { registerId, documents: rows.length, highest, missingCount, missing, duplicates, ok: missingCount === 0 && duplicates.length === 0 };
}
