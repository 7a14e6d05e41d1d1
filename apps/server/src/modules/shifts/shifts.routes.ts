import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/errors.js';
import { authorize, requireActor } from '../auth/authorize.js';
import { storeOfRegister } from '../stores/index.js';
import { idParams } from '../stores/stores.schema.js';
import { recordCashMovement } from './cash.service.js';
import { xReport, zReport } from './shift-reports.js';
import { presentShift } from './shift.presenter.js';
import { findShift, latestShift } from './shifts.repository.js';
import { cashMovementBody, closeShiftBody, openShiftBody } from './shifts.schema.js';
import { closeShift, openShift } from './shifts.service.js';

/** Store of a shift, looked up within the caller's organisation before any permission check. */
async function storeOfShift(request: FastifyRequest, shiftId: string): Promise<string> {
  requireActor(request.ctx);
  const shift = await findShift(request.ctx, shiftId);
  if (!shift) throw notFound('Shift');
  return shift.store_id;
}

export function registerShiftRoutes(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const pepper = app.deps.pinPepper;
  const tags = ['shifts'];
  /** Reading a shift's figures: whoever runs shifts, or whoever may see reports. */
  const authorizeRead = (request: FastifyRequest, storeId: string) =>
    authorize(request, request.ctx.actor?.permissions.has('reports.view') ? 'reports.view' : 'shifts.manage', { storeId, pepper });

  app.post(
    '/registers/:id/shifts',
    { schema: { tags, summary: 'Open a shift with a counted opening float (idempotent by id)', params: idParams, body: openShiftBody } },
    async (request, reply) => {
      const storeId = await storeOfRegister(request, request.params.id);
      const ctx = await authorize(request, 'shifts.manage', { storeId, pepper });
      const { shift, created } = await openShift(ctx, request.params.id, request.body);
      return reply.code(created ? 201 : 200).send(shift);
    },
  );

  app.get(
    '/registers/:id/shifts/current',
    { schema: { tags, summary: 'The open shift of a register (null when none) and the last closed one', params: idParams } },
    async (request) => {
      const storeId = await storeOfRegister(request, request.params.id);
      const ctx = await authorizeRead(request, storeId);
      const latest = await latestShift(ctx, request.params.id);
      return {
        shift: latest?.status === 'open' ? presentShift(latest) : null,
        lastClosed: latest?.status === 'closed' ? presentShift(latest) : null,
      };
    },
  );

  app.post(
    '/shifts/:id/cash-movements',
    { schema: { tags, summary: 'Pay in, pay out, bank deposit or tip-out (idempotent by id)', params: idParams, body: cashMovementBody } },
    async (request, reply) => {
      const storeId = await storeOfShift(request, request.params.id);
      const ctx = await authorize(request, 'shifts.manage', { storeId, pepper });
      const { movement, created } = await recordCashMovement(ctx, request.params.id, request.body);
      return reply.code(created ? 201 : 200).send(movement);
    },
  );

  app.get('/shifts/:id/x-report', { schema: { tags, summary: 'Read-only report of the shift so far', params: idParams } }, async (request) => {
    const storeId = await storeOfShift(request, request.params.id);
    const ctx = await authorizeRead(request, storeId);
    return xReport(ctx, request.params.id);
  });

  app.post(
    '/shifts/:id/close',
    { schema: { tags, summary: 'Count the drawer, close the shift and get its Z report (idempotent)', params: idParams, body: closeShiftBody } },
    async (request) => {
      const storeId = await storeOfShift(request, request.params.id);
      const ctx = await authorize(request, 'shifts.manage', { storeId, pepper });
      return closeShift(ctx, request.params.id, request.body);
    },
  );

  app.get('/shifts/:id/z-report', { schema: { tags, summary: 'Z report of a closed shift', params: idParams } }, async (request) => {
    const storeId = await storeOfShift(request, request.params.id);
    const ctx = await authorizeRead(request, storeId);
    return zReport(ctx, request.params.id);
  });
}
