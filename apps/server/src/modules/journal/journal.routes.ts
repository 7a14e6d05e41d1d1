import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/errors.js';
import { authorize } from '../auth/authorize.js';
import { findStore } from '../stores/index.js';
import { idParams } from '../stores/stores.schema.js';
import { listJournal, verifyJournal } from './journal.repository.js';

const journalQuery = z.strictObject({
  fromSeq: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).default(1),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export function registerJournalRoutes(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const pepper = app.deps.pinPepper;
  const tags = ['journal'];

  app.get(
    '/stores/:id/journal/verify',
    { schema: { tags, summary: 'Re-compute the store journal hash chain and report the first broken entry', params: idParams } },
    async (request) => {
      const ctx = await authorize(request, 'reports.view', { storeId: request.params.id, pepper });
      if (!(await findStore(ctx, request.params.id))) throw notFound('Store');
      return verifyJournal(ctx, request.params.id);
    },
  );

  app.get(
    '/stores/:id/journal',
    { schema: { tags, summary: 'Journal entries in sequence order', params: idParams, querystring: journalQuery } },
    async (request) => {
      const ctx = await authorize(request, 'audit.view', { storeId: request.params.id, pepper });
      if (!(await findStore(ctx, request.params.id))) throw notFound('Store');
      return listJournal(ctx, { storeId: request.params.id, ...request.query });
    },
  );
}
