import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { notFound } from '../../platform/errors.js';
import { authenticateDevice, deviceTokenOf } from '../auth/authenticate.js';
import { authorize, requireActor } from '../auth/authorize.js';
import { presentRegister, presentStore, storeOfRegister } from '../stores/index.js';
import { idParams, plainText } from '../stores/stores.schema.js';
import { createPairingCode, findDevice, listDevices, pairDevice, presentDevice, renameDevice, revokeDevice } from './devices.service.js';

const pairBody = z.strictObject({
  code: z.string().trim().min(8).max(12),
  name: plainText(60).optional(),
});

export function registerDeviceRoutes(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const pepper = app.deps.pinPepper;
  const tags = ['devices'];

  app.post(
    '/registers/:id/pairing-codes',
    { schema: { tags, summary: 'Create a short-lived pairing code (and QR) for a register', params: idParams } },
    async (request, reply) => {
      const storeId = await storeOfRegister(request, request.params.id);
      const ctx = await authorize(request, 'registers.manage', { storeId, pepper });
      const code = await createPairingCode(ctx, request.params.id);
      const origin = app.deps.config.publicUrl ?? `${request.protocol}://${request.headers.host ?? 'localhost'}`;
      const pairUrl = `${origin.replace(/\/$/, '')}/register/pair?code=${code.code}`;
      const qrDataUrl = await QRCode.toDataURL(pairUrl, { errorCorrectionLevel: 'M', margin: 2, width: 320 });
      return reply.code(201).send({ ...code, pairUrl, qrDataUrl });
    },
  );

  app.post(
    '/devices/pair',
    {
      schema: { tags, summary: 'Redeem a pairing code; returns the device credential', body: pairBody, security: [] },
      config: { rateLimit: { max: app.deps.rateLimits.pinPerMinute, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const result = await pairDevice(request.ctx, { ...request.body, userAgent: request.headers['user-agent'] ?? '' });
      return reply.code(201).send({
        deviceId: result.device.id,
        deviceToken: result.deviceToken,
        device: result.device,
        register: presentRegister(result.register),
        store: presentStore(result.store),
      });
    },
  );

  app.get('/devices/me', { schema: { tags, summary: 'The device identified by X-Device-Token', security: [{ device: [] }] } }, async (request) => {
    const device = await authenticateDevice(request.ctx, deviceTokenOf(request));
    const row = await request.ctx.db
      .selectFrom('devices')
      .innerJoin('registers', 'registers.id', 'devices.register_id')
      .selectAll('devices')
      .select('registers.name as register_name')
      .where('devices.id', '=', device.id)
      .executeTakeFirstOrThrow();
    const register = await request.ctx.db.selectFrom('registers').selectAll().where('id', '=', device.register_id).executeTakeFirstOrThrow();
    const store = await request.ctx.db.selectFrom('stores').selectAll().where('id', '=', device.store_id).executeTakeFirstOrThrow();
    return { device: presentDevice(row), register: presentRegister(register), store: presentStore(store) };
  });

  app.get(
    '/devices',
    { schema: { tags, summary: 'Paired devices', querystring: z.strictObject({ storeId: z.uuid().optional() }) } },
    async (request) => {
      const ctx = await authorize(request, 'registers.manage', { storeId: request.query.storeId, pepper });
      return { items: await listDevices(ctx, request.query.storeId) };
    },
  );

  async function deviceStore(request: FastifyRequest, id: string) {
    requireActor(request.ctx);
    const device = await findDevice(request.ctx, id);
    if (!device) throw notFound('Device');
    return device.store_id;
  }

  app.patch(
    '/devices/:id',
    { schema: { tags, summary: 'Rename a device', params: idParams, body: z.strictObject({ name: plainText(60).pipe(z.string().min(1, 'required')) }) } },
    async (request) => {
      const storeId = await deviceStore(request, request.params.id);
      const ctx = await authorize(request, 'registers.manage', { storeId, pepper });
      return renameDevice(ctx, request.params.id, request.body.name);
    },
  );

  app.post('/devices/:id/revoke', { schema: { tags, summary: 'Revoke a device', params: idParams } }, async (request) => {
    const storeId = await deviceStore(request, request.params.id);
    const ctx = await authorize(request, 'registers.manage', { storeId, pepper });
    return revokeDevice(ctx, request.params.id);
  });
}
