// Refunds are documents of this register and take its next receipt number. The sell screen owns the
// numbering (its outbox allocates register sequence numbers) and passes its allocator in; without
// one, the number continues from the register's documents on the server.
import { receiptLookupApi, type SaleHeader } from '../../lib/api/register-ops-endpoints';

export interface DocumentNumber {
  registerSeq: number;
  receiptNo: string;
}

export type AllocateDocumentNumber = () => Promise<DocumentNumber>;

/** The number after the highest of `docs`, in the same receipt format (prefix + zero padding). */
export function nextAfter(docs: Pick<SaleHeader, 'registerSeq' | 'receiptNo'>[], fallbackPrefix: string): DocumentNumber {
  let last: Pick<SaleHeader, 'registerSeq' | 'receiptNo'> | undefined;
  for (const d of docs) if (d.registerSeq !== null && (!last || d.registerSeq > (last.registerSeq ?? 0))) last = d;
  const registerSeq = (last?.registerSeq ?? 0) + 1;
  const m = last?.receiptNo ? /^(.*?)(\d+)$/.exec(last.receiptNo) : null;
  const prefix = m ? m[1]! : `${fallbackPrefix}-`;
  const width = m ? m[2]!.length : 6;
  return { registerSeq, receiptNo: `${prefix}${String(registerSeq).padStart(width, '0')}` };
}

/** Fallback allocator: continues after the register's documents since `from` (one shift's worth). */
export function serverNumbering(registerId: string, from: string | undefined, fallbackPrefix: string): AllocateDocumentNumber {
  return async () => {
    const docs: SaleHeader[] = [];
    let cursor: string | null = null;
    // A shift holds hundreds of documents, not millions; the cap only guards against a loop.
    for (let page = 0; page < 50; page++) {
      const res = await receiptLookupApi.registerDocuments(registerId, from, cursor);
      docs.push(...res.items);
      cursor = res.nextCursor;
      if (!cursor) break;
    }
    return nextAfter(docs, fallbackPrefix);
  };
}
