import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { uuidv7 } from '@opentill/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from './platform/app-deps.js';
import type { RequestContext } from './platform/context.js';
import { registerErrorHandling } from './platform/http/error-handler.js';
import { registerMetrics } from './platform/http/metrics.js';
import { registerSecurityHeaders } from './platform/http/security.js';
import { registerAccessRoutes } from './modules/access/index.js';
import { registerAuditRoutes } from './modules/audit/index.js';
import { registerCatalogRoutes } from './modules/catalog/index.js';
import { registerCatalogImportRoutes } from './modules/catalog-import/index.js';
import { authenticate, registerAuthRoutes } from './modules/auth/index.js';
import { registerDeviceRoutes } from './modules/devices/index.js';
import { registerHealthRoutes } from './modules/health/index.js';
import { registerJournalRoutes } from './modules/journal/index.js';
import { registerShiftRoutes } from './modules/shifts/index.js';
import { registerRegisterEventRoutes } from './modules/register-events/index.js';
import { registerStockRoutes } from './modules/stock/index.js';
import { registerStoreRoutes } from './modules/stores/index.js';
import { registerCardPaymentRoutes } from './modules/payments/index.js';
import { registerReceiptLinkLookupRoutes, registerSalesRoutes } from './modules/sales/index.js';
import { registerPublicReceiptRoutes, registerReceiptRoutes } from './modules/receipts/index.js';
import { registerPrintingRoutes } from './modules/printing/index.js';
import { registerNotifyRoutes } from './modules/notify/index.js';
import { registerRealtimeRoutes } from './modules/realtime/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export type App = FastifyInstance;
export const BODY_LIMIT = 1024 * 1024;

function defaultWebDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // TLS when a certificate is configured (see `opentill cert` for a shop-LAN CA).
  const https = deps.config.tls
    ? { https: { cert: readFileSync(deps.config.tls.certFile), key: readFileSync(deps.config.tls.keyFile) } }
    : {};
  const app = Fastify({
    ...(https as object),
    logger:
      deps.logger ?? {
        level: deps.config.logLevel,
        redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-device-token"]', 'req.headers["x-override-pin"]'],
      },
    bodyLimit: BODY_LIMIT,
    genReqId: () => uuidv7(),
    trustProxy: false,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a text/plain body is refused with 415 instead of reaching a handler as a string.
  app.removeContentTypeParser('text/plain');

  registerErrorHandling(app);
  registerSecurityHeaders(app, { tls: Boolean(deps.config.tls) });
  registerMetrics(app, deps.metrics, deps.database);

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'OpenTill API', version: '1.0.0', description: 'Point-of-sale API. See docs/api-platform.md.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          device: { type: 'apiKey', in: 'header', name: 'X-Device-Token' },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.addHook('onRequest', async (request) => {
    const base: RequestContext = {
      db: deps.database.db,
      clock: deps.clock,
      requestId: String(request.id),
      ip: request.ip,
      actor: null,
      session: null,
      approver: null,
      deviceId: null,
      registerId: null,
      events: deps.events,
    };
    request.ctx = base;
  });
  app.addHook('preHandler', async (request) => {
    if (request.url.startsWith('/api/v1/')) request.ctx = await authenticate(request.ctx, request);
  });

  // Unknown query parameters are refused like unknown body fields: routes without a query schema get
  // an empty strict one, so a client's misspelt filter never silently returns unfiltered data.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    const schema = (route.schema ??= {}) as { querystring?: unknown };
    schema.querystring ??= z.strictObject({});
  });

  registerHealthRoutes(app);
  // Public digital receipts (/r/<token>): outside /api/v1, no login.
  registerPublicReceiptRoutes(app);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(
    async (api) => {
      registerAuthRoutes(api);
      registerStoreRoutes(api);
      registerDeviceRoutes(api);
      registerAccessRoutes(api);
      registerAuditRoutes(api);
      registerCatalogRoutes(api);
      registerCatalogImportRoutes(api);
      registerSalesRoutes(api);
      registerReceiptLinkLookupRoutes(api);
      registerCardPaymentRoutes(api);
      registerJournalRoutes(api);
      registerStockRoutes(api);
      registerShiftRoutes(api);
      registerReceiptRoutes(api);
      registerPrintingRoutes(api);
      registerNotifyRoutes(api);
      registerRealtimeRoutes(api);
      registerRegisterEventRoutes(api);
    },
    { prefix: '/api/v1' },
  );

  const webDir = deps.config.webDir ?? defaultWebDir();
  if (existsSync(path.join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });
    // SPA fallback: app routes (/register, /backoffice/...) load index.html; API paths keep JSON 404s.
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const url = request.url.split('?')[0] ?? '/';
      if (url.startsWith('/api/') || path.extname(url)) {
        return reply.code(404).send({ error: { code: 'route_not_found', message: `No route GET ${url}` } });
      }
      return reply.type('text/html').sendFile('index.html');
    });
  }
  return app;
}
