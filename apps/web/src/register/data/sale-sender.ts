import { ApiError } from '../../lib/api/api-error';
import { api } from '../../lib/api/api-client';
import type { OutboxEntry, QueueEntry, SaleReceipt } from './register-db';
import type { SendOutcome } from './sync-worker';

interface SaleResponse {
  storeSeq: number | null;
  receiptNo: string | null;
  total: number;
  priceSource: string | null;
  priceDifference: number | null;
}

const toReceipt = (sale: SaleResponse): SaleReceipt => ({
  storeSeq: sale.storeSeq,
  receiptNo: sale.receiptNo,
  total: sale.total,
  priceSource: sale.priceSource,
  priceDifference: sale.priceDifference ?? 0,
});

async function completeResumed(entry: OutboxEntry, headers: Record<string, string>): Promise<SaleResponse> {
  const b = entry.body;
  try {
    await api(`/sales/${b.id}`, { method: 'PATCH', body: { lines: b.lines.map(({ unitPrice: _u, ...l }) => l), cartDiscount: b.cartDiscount ?? null }, headers });
  } catch (err) {
    // Completed already (the answer to an earlier try was lost): /complete replays the stored sale.
    if (!(err instanceof ApiError && err.status === 409 && err.code === 'invalid_transition')) throw err;
  }
  return api<SaleResponse>(`/sales/${b.id}/complete`, {
    method: 'POST',
    body: { registerSeq: b.registerSeq, receiptNo: b.receiptNo, payments: b.payments },
    headers: { ...headers, 'Idempotency-Key': `complete:${b.id}` },
  });
}

const enc = encodeURIComponent;

/** Sends one entry of whatever kind to its idempotent endpoint (the entry id is the document id). */
async function send(entry: QueueEntry): Promise<SaleReceipt> {
  switch (entry.kind) {
    case 'sale': {
      const headers: Record<string, string> = entry.overridePin ? { 'X-Override-Pin': entry.overridePin } : {};
      const sale =
        entry.mode === 'resumed'
          ? await completeResumed(entry, headers)
          : await api<SaleResponse>('/sales', { method: 'POST', body: entry.body, headers: { ...headers, 'Idempotency-Key': entry.idempotencyKey } });
      return toReceipt(sale);
    }
    case 'refund': {
      const headers: Record<string, string> = entry.overridePin ? { 'X-Override-Pin': entry.overridePin } : {};
      const refund = await api<SaleResponse>(`/sales/${enc(entry.originalId)}/refunds`, {
        method: 'POST',
        body: entry.body,
        headers: { ...headers, 'Idempotency-Key': entry.idempotencyKey },
      });
      return toReceipt(refund);
    }
    case 'cash_movement': {
      const m = await api<{ amount: number }>(`/shifts/${enc(entry.shiftId)}/cash-movements`, { method: 'POST', body: entry.body });
      return { storeSeq: null, receiptNo: null, total: m.amount, priceSource: null, priceDifference: 0 };
    }
    case 'audit':
      await api(`/registers/${enc(entry.registerId)}/audit-events`, { method: 'POST', body: entry.body });
      return { storeSeq: null, receiptNo: null, total: 0, priceSource: null, priceDifference: 0 };
  }
}

/** Sends one outbox entry; errors become outcomes, never exceptions. */
export async function sendSale(entry: QueueEntry): Promise<SendOutcome> {
  try {
    return { ok: true, receipt: await send(entry) };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: { status: err.status, code: err.code, message: err.message, details: err.details } };
    return { ok: false, error: { status: 0, code: 'network_error', message: err instanceof Error ? err.message : String(err) } };
  }
}
