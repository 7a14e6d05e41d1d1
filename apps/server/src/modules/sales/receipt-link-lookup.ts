import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RequestContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { requireActor } from '../auth/authorize.js';
import { presentSaleHeader } from './sale.presenter.js';
import { authorizeRead } from './sales-http.js';
import { findSale } from './sales.repository.js';

/**
 * A scanned paper receipt → its sale. The QR code printed on a receipt carries the digital-receipt
 * link (`/r/<token>`), not the receipt number, so a refund "by scanning the receipt" resolves the
 * token here. A revoked link still identifies its sale for staff: the paper in the customer's hand
 * has not changed, only the public page is gone.
 */
const tokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'the token of a receipt link') });

async function findLinkedSale(ctx: RequestContext, orgId: string, token: string): Promise<{ sale_id: string; store_id: string } | undefined> {
  return ctx.db.selectFrom('receipt_links').select(['sale_id', 'store_id']).where('token', '=', token).where('org_id', '=', orgId).executeTakeFirst();
}

export function registerReceiptLinkLookupRoutes(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const pepper = app.deps.pinPepper;

  app.get(
    '/sales/by-receipt-link/:token',
    { schema: { tags: ['sales'], summary: "The sale behind a receipt's QR code (digital-receipt link token)", params: tokenParams } },
    async (request) => {
      requireActor(request.ctx);
      const link = await findLinkedSale(request.ctx, request.ctx.actor.orgId, request.params.token);
      if (!link) throw notFound('Receipt');
      // Same rule as reading a sale: the store's registers (sales.create) or reports.view.
      const ctx = await authorizeRead(request, link.store_id, pepper);
      const sale = await findSale(ctx, link.sale_id);
      return { items: sale ? [presentSaleHeader(sale)] : [] };
    },
  );
}
