import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../auth/authorize.js';
import { exportCatalogCsv, importCatalogCsv } from './import.service.js';

const flag = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');

export function registerCatalogImportRoutes(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const pepper = app.deps.pinPepper;
  const tags = ['catalog'];

  app.post(
    '/catalog/import',
    {
      schema: {
        tags,
        summary: 'Import products from CSV (see README for the columns); dryRun validates only',
        querystring: z.strictObject({ storeId: z.uuid(), dryRun: flag, skipInvalid: flag }),
        body: z.strictObject({ csv: z.string().min(1, 'required') }),
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'catalog.write', { storeId: request.query.storeId, pepper });
      return importCatalogCsv(ctx, { ...request.query, csv: request.body.csv });
    },
  );

  app.get(
    '/catalog/export',
    { schema: { tags, summary: 'Export products with this store’s prices as CSV', querystring: z.strictObject({ storeId: z.uuid() }) } },
    async (request, reply) => {
      const ctx = await authorize(request, 'catalog.read', { storeId: request.query.storeId, pepper });
      const csv = await exportCatalogCsv(ctx, request.query.storeId);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="opentill-products.csv"')
        .send(csv);
    },
  );
}
