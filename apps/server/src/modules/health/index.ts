import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

export function registerHealthRoutes(app: FastifyInstance): void {
  app.get(
    '/healthz',
    { schema: { tags: ['operations'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    { schema: { tags: ['operations'], summary: 'Readiness: the database answers' } },
    async (_request, reply) => {
      try {
        await app.deps.database.ping();
        return { status: 'ready', database: app.deps.database.dialect };
      } catch {
        return reply.code(503).send({ error: { code: 'database_unavailable', message: 'Database is not reachable' } });
      }
    },
  );
}
