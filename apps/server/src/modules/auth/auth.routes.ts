import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from './authorize.js';
import { deviceTokenOf, SESSION_COOKIE } from './authenticate.js';
import { loginWithPassword, loginWithPin, logout } from './auth.service.js';
import { loadMe } from './me.query.js';

const loginBody = z.strictObject({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(256),
});
const pinBody = z.strictObject({ pin: z.string().regex(/^\d{4,6}$/, 'PIN must be 4 to 6 digits') });

function setSessionCookie(app: FastifyInstance, reply: FastifyReply, token: string, expiresAt: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: Boolean(app.deps.config.tls),
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function registerAuthRoutes(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { config, rateLimits } = app.deps;

  app.post(
    '/auth/login',
    {
      schema: { tags: ['auth'], summary: 'Back-office login (e-mail + password)', body: loginBody, security: [] },
      config: { rateLimit: { max: rateLimits.loginPerMinute, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const grant = await loginWithPassword(request.ctx, { ...request.body, ttlMs: config.sessionTtlMs });
      setSessionCookie(app, reply, grant.token, grant.expiresAt);
      const me = await loadMe(request.ctx, grant.userId, null);
      return { token: grant.token, expiresAt: grant.expiresAt, user: me.user };
    },
  );

  app.post(
    '/auth/pin-login',
    {
      schema: { tags: ['auth'], summary: 'Register login with a staff PIN (needs X-Device-Token)', body: pinBody, security: [{ device: [] }] },
      config: { rateLimit: { max: rateLimits.pinPerMinute, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const grant = await loginWithPin(request.ctx, {
        deviceToken: deviceTokenOf(request),
        pin: request.body.pin,
        pepper: app.deps.pinPepper,
        ttlMs: config.sessionTtlMs,
      });
      setSessionCookie(app, reply, grant.token, grant.expiresAt);
      const me = await loadMe(request.ctx, grant.userId, { storeId: grant.storeId, registerId: grant.registerId });
      return { token: grant.token, expiresAt: grant.expiresAt, user: me.user, store: me.store, register: me.register };
    },
  );

  app.post('/auth/logout', { schema: { tags: ['auth'], summary: 'End the current session' } }, async (request, reply) => {
    requireActor(request.ctx);
    await logout(request.ctx);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/auth/me', { schema: { tags: ['auth'], summary: 'The current user, session, store and register' } }, async (request) => {
    const ctx = request.ctx;
    requireActor(ctx);
    if (ctx.actor.kind === 'api_key') {
      return {
        user: null,
        apiKey: { id: ctx.actor.id, name: ctx.actor.name, permissions: [...ctx.actor.permissions] },
        session: { kind: 'api_key', storeId: null, registerId: null, deviceId: null },
        store: null,
        register: null,
      };
    }
    const s = ctx.session;
    const me = await loadMe(ctx, ctx.actor.id, s?.storeId && s.registerId ? { storeId: s.storeId, registerId: s.registerId } : null);
    return {
      ...me,
      session: { kind: s?.kind ?? 'backoffice', storeId: s?.storeId ?? null, registerId: s?.registerId ?? null, deviceId: s?.deviceId ?? null },
    };
  });
}
