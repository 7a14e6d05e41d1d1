import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/errors.js';
import { authorize, requireActor } from '../auth/authorize.js';
import { presentRegister, presentStore } from './store.presenter.js';
import { findRegister, findStore, listRegisters, listStoresFor } from './stores.repository.js';
import { idParams, noSaleBody, registerBody, storeBody, storePatch } from './stores.schema.js';
import { createRegister, createStore, recordNoSale, renameRegister, updateStore } from './stores.service.js';

/** Store of a register, looked up within the caller's organisation before any permission check. */
export async function storeOfRegister(request: FastifyRequest, registerId: string): Promise<string> {
  requireActor(request.ctx);
  const register = await findRegister(request.ctx, registerId);
  if (!register) throw notFound('Register');
  return register.store_id;
}

export function registerStoreRoutes(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const pepper = app.deps.pinPepper;
  const tags = ['stores'];

  app.get('/stores', { schema: { tags, summary: 'Stores you can see' } }, async (request) => {
    const ctx = await authorize(request, 'stores.read', { pepper });
    return { items: (await listStoresFor(ctx)).map(presentStore) };
  });

  app.post('/stores', { schema: { tags, summary: 'Create a store', body: storeBody } }, async (request, reply) => {
    const ctx = await authorize(request, 'stores.manage', { pepper });
    return reply.code(201).send(await createStore(ctx, request.body));
  });

  app.get('/stores/:id', { schema: { tags, params: idParams } }, async (request) => {
    const ctx = await authorize(request, 'stores.read', { storeId: request.params.id, pepper });
    const store = await findStore(ctx, request.params.id);
    if (!store) throw notFound('Store');
    return presentStore(store);
  });

  app.patch('/stores/:id', { schema: { tags, params: idParams, body: storePatch } }, async (request) => {
    const ctx = await authorize(request, 'stores.manage', { storeId: request.params.id, pepper });
    return updateStore(ctx, request.params.id, request.body);
  });

  app.get('/stores/:id/registers', { schema: { tags, params: idParams } }, async (request) => {
    const ctx = await authorize(request, 'stores.read', { storeId: request.params.id, pepper });
    if (!(await findStore(ctx, request.params.id))) throw notFound('Store');
    return { items: (await listRegisters(ctx, request.params.id)).map(presentRegister) };
  });

  app.post('/stores/:id/registers', { schema: { tags, params: idParams, body: registerBody } }, async (request, reply) => {
    const ctx = await authorize(request, 'registers.manage', { storeId: request.params.id, pepper });
    return reply.code(201).send(await createRegister(ctx, request.params.id, request.body));
  });

  app.patch('/registers/:id', { schema: { tags, params: idParams, body: registerBody } }, async (request) => {
    const storeId = await storeOfRegister(request, request.params.id);
    const ctx = await authorize(request, 'registers.manage', { storeId, pepper });
    return renameRegister(ctx, request.params.id, request.body);
  });

  app.post(
    '/registers/:id/no-sale',
    { schema: { tags, summary: 'Open the cash drawer without a sale (audited)', params: idParams, body: noSaleBody.optional() } },
    async (request) => {
      const storeId = await storeOfRegister(request, request.params.id);
      const ctx = await authorize(request, 'cash.drawer.open', { storeId, pepper });
      return recordNoSale(ctx, request.params.id, request.body?.reason);
    },
  );
}
