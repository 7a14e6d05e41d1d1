import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { systemContext } from '../../platform/context.js';
import { conflict, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { authorize, requireActor } from '../auth/authorize.js';
// Reading a sale's receipt needs exactly the permission reading the sale needs (sales' own rule).
import { authorizeRead, saleFor } from '../sales/sales-http.js';
import { buildSaleReceipt } from './build-receipts.js';
import { decodeEscPos } from './decode-escpos.js';
import { ensureReceiptLink, liveLink, receiptBaseUrl, receiptUrl, revokeReceiptLink, setReceiptBaseUrl } from './receipt-links.js';
import { effectiveTemplate } from './receipt-parts.js';
import { getTemplate, putTemplate, storeFor } from './receipt-template.js';
import { findLink, findTemplate } from './receipts.repository.js';
import { previewQuery, publicTokenParams, saleParams, storeParams, templateBody, tokenParams } from './receipts.schema.js';
import { renderEscPos } from './render-escpos.js';
import { RECEIPT_STYLE_HASH, renderReceiptHtml } from './render-html.js';
import { renderReceiptPdf } from './render-pdf.js';
import { renderReceiptText } from './render-text.js';
import { sampleSaleReceipt } from './sample-receipt.js';

/** The receipt HTML carries one inline <style>, allowed by its hash; nothing else may load. */
const receiptCsp = (frameAncestors: string) =>
  `default-src 'none'; style-src '${RECEIPT_STYLE_HASH}'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors ${frameAncestors}`;

function sendHtml(reply: FastifyReply, html: string, frameAncestors = "'none'") {
  return reply.header('content-security-policy', receiptCsp(frameAncestors)).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

/** /api/v1 routes: receipt links and store templates. */
export function registerReceiptRoutes(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const pepper = app.deps.pinPepper;
  const tags = ['receipts'];

  app.post(
    '/sales/:id/receipt-link',
    { schema: { tags, summary: "The sale's public digital-receipt link (created once, then the same link)", params: saleParams } },
    async (request) => {
      const sale = await saleFor(request, request.params.id);
      const ctx = await authorizeRead(request, sale.store_id, pepper);
      if (sale.status !== 'completed') throw conflict('sale_not_completed', 'Only completed documents have a receipt', { field: 'params.id' });
      const { link, created } = await ensureReceiptLink(ctx, sale);
      if (created) await recordAudit(ctx, { action: 'receipts.link.create', storeId: sale.store_id, entityType: 'sale', entityId: sale.id });
      return { token: link.token, url: receiptUrl(link.token) };
    },
  );

  app.delete(
    '/receipt-links/:token',
    { schema: { tags, summary: 'Revoke a digital-receipt link (the page answers 404 from then on)', params: tokenParams } },
    async (request, reply) => {
      requireActor(request.ctx);
      const link = await findLink(request.ctx, request.params.token);
      if (!link || link.org_id !== request.ctx.actor.orgId) {
        await authorize(request, 'reports.view', { pepper });
        throw notFound('Receipt link');
      }
      const ctx = await authorizeRead(request, link.store_id, pepper);
      if (await revokeReceiptLink(ctx, link.token)) {
        await recordAudit(ctx, { action: 'receipts.link.revoke', storeId: link.store_id, entityType: 'sale', entityId: link.sale_id });
      }
      return reply.code(204).send();
    },
  );

  app.get('/stores/:id/receipt-template', { schema: { tags, summary: "The store's receipt template", params: storeParams } }, async (request) => {
    const ctx = await authorize(request, 'stores.read', { storeId: request.params.id, pepper });
    return getTemplate(ctx, request.params.id);
  });

  app.put(
    '/stores/:id/receipt-template',
    { schema: { tags, summary: "Replace the store's receipt template (header, footer, logo PNG, language)", params: storeParams, body: templateBody } },
    async (request) => {
      const ctx = await authorize(request, 'stores.manage', { storeId: request.params.id, pepper });
      return putTemplate(ctx, request.params.id, request.body);
    },
  );

  app.get(
    '/stores/:id/receipt-template/preview',
    { schema: { tags, summary: 'A sample receipt with the saved template (ESC/POS 58/80 mm decoded, HTML, text, PDF)', params: storeParams, querystring: previewQuery } },
    async (request, reply) => {
      const ctx = await authorize(request, 'stores.read', { storeId: request.params.id, pepper });
      const store = await storeFor(ctx, request.params.id);
      const template = effectiveTemplate(store, await findTemplate(ctx, store.id));
      const doc = sampleSaleReceipt(store, template, ctx.clock.now().toISOString(), receiptUrl('SAMPLE-0000000000000000000'));
      const { format, codepage } = request.query;
      if (format === 'html') return sendHtml(reply, renderReceiptHtml(doc), "'self'");
      if (format === 'text') return reply.type('text/plain; charset=utf-8').send(renderReceiptText(doc, { columns: 48 }));
      if (format === 'pdf') return reply.type('application/pdf').header('content-disposition', 'inline; filename="receipt-preview.pdf"').send(await renderReceiptPdf(doc));
      const width = format === 'escpos-58' ? 58 : 80;
      const bytes = renderEscPos(doc, { width, codepage });
      const decoded = decodeEscPos(bytes);
      return { format, width, columns: width === 58 ? 32 : 48, codepage, size: bytes.length, bytes: Buffer.from(bytes).toString('base64'), items: decoded.items, cuts: decoded.cuts };
    },
  );
}

const NOT_FOUND_PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>404</title></head><body><h1>Beleg nicht gefunden</h1><p>Receipt not found.</p></body></html>';

/**
 * Public digital receipts (no login): the token resolves to exactly one sale, rendered; revoked,
 * unknown and malformed tokens all get the same 404. Nothing else is reachable from here.
 */
export function registerPublicReceiptRoutes(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  setReceiptBaseUrl(receiptBaseUrl(deps.config));
  const limits = { rateLimit: { max: 120, timeWindow: 60_000 } };

  async function receiptOf(token: string) {
    const link = await liveLink(systemContext(deps.database.db, deps.clock), token);
    if (!link) return null;
    // Acts for the link's organisation only: the sale is loaded org-scoped like any other read.
    return buildSaleReceipt({ ...systemContext(deps.database.db, deps.clock, link.org_id), requestId: 'public-receipt' }, link.sale_id);
  }

  app.get('/r/:token', { schema: { hide: true, params: publicTokenParams }, config: limits }, async (request, reply) => {
    const doc = await receiptOf(request.params.token);
    if (!doc) return reply.code(404).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_FOUND_PAGE);
    return sendHtml(reply.header('x-robots-tag', 'noindex'), renderReceiptHtml(doc, { pdfHref: `/r/${request.params.token}/pdf` }));
  });

  app.get('/r/:token/pdf', { schema: { hide: true, params: publicTokenParams }, config: limits }, async (request, reply) => {
    const doc = await receiptOf(request.params.token);
    if (!doc) return reply.code(404).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_FOUND_PAGE);
    const name = `receipt-${(doc.number ?? 'document').replace(/[^A-Za-z0-9_-]/g, '_')}.pdf`;
    return reply
      .header('cache-control', 'no-store')
      .header('x-robots-tag', 'noindex')
      .header('content-disposition', `attachment; filename="${name}"`)
      .type('application/pdf')
      .send(await renderReceiptPdf(doc));
  });
}
