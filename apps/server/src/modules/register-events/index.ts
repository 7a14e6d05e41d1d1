import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { forbidden, notFound } from '../../platform/errors.js';
import { authorize, requireActor } from '../auth/authorize.js';
import { findRegister } from '../stores/index.js';
import { idParams } from '../stores/stores.schema.js';
import { registerEventBody } from './register-events.schema.js';
import { recordRegisterEvent } from './register-events.service.js';

/**
 * Audit events a register records itself (e.g. a cart line removed before payment). The register's
 * own session sends them from its outbox; permission is what ringing up needs (sales.create) in the
 * register's store, and a register session may only write for its own register.
 */
export function registerRegisterEventRoutes(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const pepper = app.deps.pinPepper;

  app.post(
    '/registers/:id/audit-events',
    { schema: { tags: ['audit'], summary: "Record a register's audit event, e.g. a removed cart line (idempotent by id)", params: idParams, body: registerEventBody } },
    async (request, reply) => {
      requireActor(request.ctx);
      const register = await findRegister(request.ctx, request.params.id);
      if (!register) throw notFound('Register');
      const ctx = await authorize(request, 'sales.create', { storeId: register.store_id, pepper });
      const own = ctx.session?.registerId ?? null;
      if (own && own !== register.id) throw forbidden('register_mismatch', 'A register session acts on its own register only', { field: 'params.id' });
      const r = await recordRegisterEvent(ctx, register, request.body);
      return reply.code(r.statusCode).header('idempotent-replay', String(r.replayed)).send(r.body);
    },
  );
}
