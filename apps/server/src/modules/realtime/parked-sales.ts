import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RequestContext } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { authorize, requireActor } from '../auth/authorize.js';

/**
 * GET /api/v1/parked-sales: the store's parked sales, so any register can offer them for resuming
 * (POST /sales/:id/resume). A register session of the store reads them with sales.create, everybody
 * else needs reports.view in the store. Newest first, capped: a parked sale is a queue, not an archive.
 */
const query = z.strictObject({
  storeId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

async function authorizeParked(
  request: FastifyRequest,
  storeId: string | undefined,
  pepper: string,
): Promise<{ ctx: RequestContext; storeId: string }> {
  requireActor(request.ctx);
  const session = request.ctx.session;
  const id = storeId ?? session?.storeId ?? undefined;
  if (!id) {
    await authorize(request, 'reports.view', { pepper });
    throw invalid('store_required', 'Name the store (storeId); only register sessions have one', {
      field: 'querystring.storeId',
    });
  }
  if (session?.registerId && session.storeId === id && request.ctx.actor?.permissions.has('sales.create')) {
    return { ctx: await authorize(request, 'sales.create', { storeId: id, pepper }), storeId: id };
  }
  return { ctx: await authorize(request, 'reports.view', { storeId: id, pepper }), storeId: id };
}

export function registerParkedSalesRoute(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const pepper = app.deps.pinPepper;
  app.get(
    '/parked-sales',
    {
      schema: {
        tags: ['sales'],
        summary: 'Parked sales of a store (resumable on any register)',
        querystring: query,
      },
    },
    async (request) => {
      const { ctx, storeId } = await authorizeParked(request, request.query.storeId, pepper);
      const rows = await ctx.db
        .selectFrom('sales as s')
        .leftJoin('users as u', 'u.id', 's.cashier_id')
        .select(['s.id', 's.register_id', 's.parked_at', 's.total', 's.currency', 'u.name as cashier_name'])
        .select((eb) =>
          eb
            .selectFrom('sale_lines as l')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('l.sale_id', '=', 's.id')
            .where('l.deposit_for', 'is', null)
            .as('line_count'),
        )
        .where('s.store_id', '=', storeId)
        .where('s.status', '=', 'parked')
        .orderBy('s.parked_at', 'desc')
        .orderBy('s.id', 'desc')
        .limit(request.query.limit)
        .execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          registerId: r.register_id,
          parkedAt: r.parked_at,
          total: r.total,
          currency: r.currency,
          cashierName: r.cashier_name,
          lineCount: Number(r.line_count ?? 0),
        })),
      };
    },
  );
}
