import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/errors.js';
import { authorize } from '../auth/authorize.js';
import { idParams } from '../stores/stores.schema.js';
import { PERMISSIONS } from './permissions.js';
import { createApiKey, createRole, listApiKeys, listRoles, revokeApiKey, updateRole } from './roles.service.js';
import { findUser, listUsersFor, presentUser, presentUsers } from './users.repository.js';
import { apiKeyBody, createUserBody, passwordBody, roleBody, rolePatch, updateUserBody } from './users.schema.js';
import { createUser, setPassword, updateUser } from './users.service.js';

export function registerAccessRoutes(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const pepper = app.deps.pinPepper;

  app.get('/permissions', { schema: { tags: ['access'], summary: 'The documented permission list' } }, async (request) => {
    await authorize(request, 'users.read', { pepper });
    return { items: Object.entries(PERMISSIONS).map(([key, description]) => ({ key, description })) };
  });

  app.get(
    '/users',
    { schema: { tags: ['access'], querystring: z.strictObject({ storeId: z.uuid().optional() }) } },
    async (request) => {
      const ctx = await authorize(request, 'users.read', { storeId: request.query.storeId, pepper });
      return { items: await presentUsers(ctx, await listUsersFor(ctx, request.query)) };
    },
  );

  app.post('/users', { schema: { tags: ['access'], body: createUserBody } }, async (request, reply) => {
    const ctx = await authorize(request, 'users.manage', { pepper });
    return reply.code(201).send(await createUser(ctx, request.body, { pepper }));
  });

  app.get('/users/:id', { schema: { tags: ['access'], params: idParams } }, async (request) => {
    const ctx = await authorize(request, 'users.read', { pepper });
    const visible = await listUsersFor(ctx, {});
    const user = visible.find((u) => u.id === request.params.id) ?? undefined;
    if (!user || !(await findUser(ctx, request.params.id))) throw notFound('User');
    return presentUser(ctx, user);
  });

  app.patch('/users/:id', { schema: { tags: ['access'], params: idParams, body: updateUserBody } }, async (request) => {
    const ctx = await authorize(request, 'users.manage', { pepper });
    return updateUser(ctx, request.params.id, request.body, { pepper });
  });

  app.post('/users/:id/password', { schema: { tags: ['access'], params: idParams, body: passwordBody } }, async (request, reply) => {
    const ctx = await authorize(request, 'users.manage', { pepper });
    await setPassword(ctx, request.params.id, request.body.password, { pepper });
    return reply.code(204).send();
  });

  app.get('/roles', { schema: { tags: ['access'] } }, async (request) => {
    const ctx = await authorize(request, 'users.read', { pepper });
    return { items: await listRoles(ctx) };
  });

  app.post('/roles', { schema: { tags: ['access'], body: roleBody } }, async (request, reply) => {
    const ctx = await authorize(request, 'roles.manage', { pepper });
    return reply.code(201).send(await createRole(ctx, request.body));
  });

  app.patch('/roles/:id', { schema: { tags: ['access'], params: idParams, body: rolePatch } }, async (request) => {
    const ctx = await authorize(request, 'roles.manage', { pepper });
    return updateRole(ctx, request.params.id, request.body);
  });

  app.get('/api-keys', { schema: { tags: ['access'] } }, async (request) => {
    const ctx = await authorize(request, 'apikeys.manage', { pepper });
    return { items: await listApiKeys(ctx) };
  });

  app.post('/api-keys', { schema: { tags: ['access'], body: apiKeyBody } }, async (request, reply) => {
    const ctx = await authorize(request, 'apikeys.manage', { pepper });
    return reply.code(201).send(await createApiKey(ctx, request.body));
  });

  app.post('/api-keys/:id/revoke', { schema: { tags: ['access'], params: idParams } }, async (request) => {
    const ctx = await authorize(request, 'apikeys.manage', { pepper });
    return revokeApiKey(ctx, request.params.id);
  });
}
