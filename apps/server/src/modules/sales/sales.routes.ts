import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../platform/errors.js';
import { authorize } from '../auth/authorize.js';
import { findRegister } from '../stores/stores.repository.js';
import { completeSale } from './complete-sale.js';
import { idempotencyKey, type StoredResponse } from './idempotency.js';
import { addPayment, completeOpenSale, openSale, parkSale, resumeSale, updateOpenSale, voidSale } from './open-sales.js';
import { exchangeSale, refundSale, refundWithoutReceipt } from './refunds.js';
import { presentSale, presentSaleHeader } from './sale.presenter.js';
import { authorizeOnRegister, authorizeRead, overrideBy, readStore, saleFor } from './sales-http.js';
import { findByReceipt, loadDoc } from './sales.repository.js';
import { salesPage, sequenceReport } from './sales.query.js';
import {
  addPaymentBody,
  completeBody,
  exchangeBody,
  idParams,
  listQuery,
  noReceiptRefundBody,
  openSaleBody,
  receiptParams,
  refundBody,
  resumeBody,
  saleBody,
  saleLinesPatch,
  storeQuery,
  voidBody,
  type SaleLineInput,
} from './sales.schema.js';

const send = (reply: FastifyReply, r: StoredResponse) => {
  reply.code(r.statusCode).header('idempotent-replay', String(r.replayed));
  // The answer was serialised once already, to be stored with the Idempotency-Key.
  return r.json === undefined ? reply.send(r.body) : reply.type('application/json; charset=utf-8').send(r.json);
};
const keyOf = (request: FastifyRequest, fallback: string) => idempotencyKey(request.headers['idempotency-key'], fallback);

export function registerSalesRoutes(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const pepper = app.deps.pinPepper;
  const tags = ['sales'];

  /** Discounts and price overrides need their own permission (manager override possible). */
  async function basketPermissions(request: FastifyRequest, storeId: string, lines: SaleLineInput[], cartDiscount: unknown) {
    let approver = request.ctx.approver;
    if (lines.some((l) => l.priceOverride !== undefined)) approver = (await authorize(request, 'sales.price.override', { storeId, pepper })).approver ?? approver;
    if (cartDiscount || lines.some((l) => l.discount)) approver = (await authorize(request, 'sales.discount', { storeId, pepper })).approver ?? approver;
    return approver;
  }

  app.post('/sales', { schema: { tags, summary: 'Record a complete sale (idempotent; the offline outbox replays it)', body: saleBody } }, async (request, reply) => {
    const body = request.body;
    const { ctx, store, register } = await authorizeOnRegister(request, 'sales.create', body.registerId, { pepper, field: 'body.registerId' });
    const approver = await basketPermissions(request, store.id, body.lines, body.cartDiscount);
    const key = keyOf(request, `sale:${body.id}`);
    const withApprover = { ...ctx, approver };
    return send(reply, await completeSale(withApprover, { store, register, body, key, overrideBy: overrideBy(withApprover) }));
  });

  app.post('/sales/open', { schema: { tags, summary: 'Open a sale on the server (to park and resume it)', body: openSaleBody } }, async (request, reply) => {
    const body = request.body;
    const { ctx, store, register } = await authorizeOnRegister(request, 'sales.create', body.registerId, { pepper, field: 'body.registerId' });
    const approver = await basketPermissions(request, store.id, body.lines, body.cartDiscount);
    const result = await openSale({ ...ctx, approver }, store, register, body, overrideBy({ ...ctx, approver }));
    return reply.code(result.statusCode).send(result.body);
  });

  /** An existing sale acted on from the caller's register (or the sale's register for back-office callers). */
  async function onSale(request: FastifyRequest, id: string, permission: 'sales.create' | 'sales.void', registerId?: string) {
    const sale = await saleFor(request, id);
    const own = request.ctx.session?.registerId;
    const at = await authorizeOnRegister(request, permission, registerId ?? own ?? sale.register_id, { pepper, field: registerId ? 'body.registerId' : 'params.id' });
    if (at.store.id !== sale.store_id) throw notFound('Sale');
    return { ...at, sale };
  }

  app.patch('/sales/:id', { schema: { tags, summary: 'Replace the lines of an open sale', params: idParams, body: saleLinesPatch } }, async (request) => {
    const { ctx, store, register, sale } = await onSale(request, request.params.id, 'sales.create');
    const approver = await basketPermissions(request, store.id, request.body.lines, request.body.cartDiscount);
    return updateOpenSale({ ...ctx, approver }, store, register, sale, request.body, overrideBy({ ...ctx, approver }));
  });
  app.post('/sales/:id/payments', { schema: { tags, summary: 'Record a payment on an open sale', params: idParams, body: addPaymentBody } }, async (request, reply) => {
    const { ctx, register, sale } = await onSale(request, request.params.id, 'sales.create');
    const result = await addPayment(ctx, register, sale, request.body);
    return reply.code(result.statusCode).send(result.body);
  });
  app.post('/sales/:id/park', { schema: { tags, summary: 'Park an open sale (resumable on any register of the store)', params: idParams } }, async (request) => {
    const { ctx, register, sale } = await onSale(request, request.params.id, 'sales.create');
    return parkSale(ctx, register, sale);
  });
  app.post('/sales/:id/resume', { schema: { tags, summary: 'Resume a parked sale on this register', params: idParams, body: resumeBody } }, async (request) => {
    const { ctx, store, register, sale } = await onSale(request, request.params.id, 'sales.create', request.body.registerId);
    return resumeSale(ctx, store, register, sale);
  });
  app.post('/sales/:id/void', { schema: { tags, summary: 'Void an open or parked sale', params: idParams, body: voidBody } }, async (request) => {
    const { ctx, sale } = await onSale(request, request.params.id, 'sales.void');
    return voidSale(ctx, sale, request.body.reason);
  });
  app.post('/sales/:id/complete', { schema: { tags, summary: 'Complete an open sale (idempotent)', params: idParams, body: completeBody } }, async (request, reply) => {
    const { ctx, register, sale } = await onSale(request, request.params.id, 'sales.create');
    return send(reply, await completeOpenSale(ctx, register, sale, request.body, keyOf(request, `complete:${sale.id}`)));
  });

  app.post('/sales/:id/refunds', { schema: { tags, summary: 'Refund lines of a completed sale (idempotent)', params: idParams, body: refundBody } }, async (request, reply) => {
    const body = request.body;
    const { ctx, store, register } = await authorizeOnRegister(request, 'sales.refund', body.registerId, { pepper, field: 'body.registerId' });
    return send(reply, await refundSale(ctx, { store, register, key: keyOf(request, `refund:${body.id}`) }, request.params.id, body));
  });
  app.post('/sales/:id/exchanges', { schema: { tags, summary: 'Exchange: returned and new lines in one document', params: idParams, body: exchangeBody } }, async (request, reply) => {
    const body = request.body;
    const { ctx, store, register } = await authorizeOnRegister(request, 'sales.refund', body.registerId, { pepper, field: 'body.registerId' });
    await authorize(request, 'sales.create', { storeId: store.id, pepper });
    const approver = await basketPermissions(request, store.id, body.lines, undefined);
    const withApprover = { ...ctx, approver: approver ?? ctx.approver };
    return send(reply, await exchangeSale(withApprover, { store, register, key: keyOf(request, `exchange:${body.id}`) }, request.params.id, body, overrideBy(withApprover)));
  });
  app.post('/refunds/no-receipt', { schema: { tags, summary: 'Refund without a receipt (today’s prices)', body: noReceiptRefundBody } }, async (request, reply) => {
    const body = request.body;
    const { ctx, store, register } = await authorizeOnRegister(request, 'sales.refund.no_receipt', body.registerId, { pepper, field: 'body.registerId' });
    return send(reply, await refundWithoutReceipt(ctx, { store, register, key: keyOf(request, `refund:${body.id}`) }, body));
  });

  app.get('/sales', { schema: { tags, summary: 'Completed documents of a store (paged)', querystring: listQuery } }, async (request) => {
    const q = request.query;
    const { ctx, store } = await readStore(request, q.storeId, pepper, 'querystring.storeId');
    return salesPage(ctx, { ...q, storeId: store.id });
  });
  app.get('/sales/by-receipt/:receiptNo', { schema: { tags, summary: 'Documents with a receipt number', params: receiptParams, querystring: storeQuery } }, async (request) => {
    const { ctx, store } = await readStore(request, request.query.storeId, pepper, 'querystring.storeId');
    return { items: (await findByReceipt(ctx, store.id, request.params.receiptNo)).map(presentSaleHeader) };
  });
  app.get('/sales/:id', { schema: { tags, params: idParams } }, async (request) => {
    const sale = await saleFor(request, request.params.id);
    const ctx = await authorizeRead(request, sale.store_id, pepper);
    return presentSale((await loadDoc(ctx, sale.id))!);
  });
  app.get(
    '/registers/:id/sequence-report',
    { schema: { tags, summary: "Gaps and duplicates in a register's receipt numbers", params: idParams, querystring: z.strictObject({}) } },
    async (request) => {
      const { ctx, register } = await authorizeOnRegisterForReport(request, request.params.id);
      return sequenceReport(ctx, register.id);
    },
  );

  async function authorizeOnRegisterForReport(request: FastifyRequest, id: string) {
    const register = request.ctx.actor ? await findRegister(request.ctx, id) : undefined;
    if (!register) {
      await authorize(request, 'reports.view', { pepper });
      throw new AppError('not_found', 'not_found', 'Register not found', { field: 'params.id' });
    }
    return { ctx: await authorize(request, 'reports.view', { storeId: register.store_id, pepper }), register };
  }
}
