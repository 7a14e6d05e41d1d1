import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../auth/authorize.js';
import { queryAudit } from './audit.query.js';

export { recordAudit, type AuditInput } from './audit.repository.js';

const isoDate = z.iso.datetime({ offset: false });
const auditQuery = z.strictObject({
  storeId: z.uuid().optional(),
  actorId: z.uuid().optional(),
  action: z.string().regex(/^[a-z_.]+(\.\*)?$/, 'action like "auth.pin_login" or "auth.*"').max(80).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export function registerAuditRoutes(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  app.get('/audit', { schema: { tags: ['audit'], summary: 'Query the audit log (newest first)', querystring: auditQuery } }, async (request) => {
    const ctx = await authorize(request, 'audit.view', { storeId: request.query.storeId, pepper: app.deps.pinPepper });
    return queryAudit(ctx, request.query);
  });
}
