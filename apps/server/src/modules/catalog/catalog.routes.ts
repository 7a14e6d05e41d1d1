import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/errors.js';
import { authorize, requireActor } from '../auth/authorize.js';
import { authorizeInStore } from './catalog-http.js';
import {
  categoryBody,
  categoryPatch,
  changesQuery,
  idParams,
  lookupQuery,
  modifierGroupBody,
  modifierGroupPatch,
  noQuery,
  promotionBody,
  promotionPatch,
  promotionQuery,
  quoteBody,
  snapshotQuery,
  taxClassBody,
  taxClassQuery,
} from './catalog.schema.js';
import { createCategory, deleteCategory, listCategories, presentCategory, updateCategory } from './categories.js';
import { catalogChanges, catalogSnapshot } from './change-feed.js';
import { lookupCode } from './lookup.query.js';
import { createModifierGroup, listModifierGroups, updateModifierGroup } from './modifiers.js';
import { createPromotion, findPromotion, listPromotions, presentPromotion, updatePromotion } from './promotions.js';
import { registerProductRoutes } from './products.routes.js';
import { quote } from './quote.js';
import { effectiveTaxClasses, storeCountries, upsertTaxClass } from './tax-classes.js';

/** Store of a promotion, looked up within the caller's organisation before any permission check. */
async function storeOfPromotion(request: FastifyRequest, id: string): Promise<string> {
  requireActor(request.ctx);
  const promotion = await findPromotion(request.ctx, id);
  if (!promotion) throw notFound('Promotion');
  return promotion.store_id;
}

export function registerCatalogRoutes(server: FastifyInstance): void {
  registerProductRoutes(server);
  const app = server.withTypeProvider<ZodTypeProvider>();
  const pepper = app.deps.pinPepper;
  const tags = ['catalog'];

  // ---- tax classes ----
  app.get('/catalog/tax-classes', { schema: { tags, summary: 'Effective tax classes per store country', querystring: taxClassQuery } }, async (request) => {
    const ctx = await authorize(request, 'catalog.read', { pepper });
    const countries = request.query.country ? [request.query.country] : await storeCountries(ctx);
    return { items: await effectiveTaxClasses(ctx, countries) };
  });
  app.put('/catalog/tax-classes', { schema: { tags, summary: 'Set a tax class rate for a country', body: taxClassBody } }, async (request) => {
    const ctx = await authorize(request, 'catalog.write', { pepper });
    return upsertTaxClass(ctx, request.body);
  });

  // ---- categories ----
  app.get('/catalog/categories', { schema: { tags, querystring: noQuery } }, async (request) => {
    const ctx = await authorize(request, 'catalog.read', { pepper });
    return { items: (await listCategories(ctx)).map(presentCategory) };
  });
  app.post('/catalog/categories', { schema: { tags, body: categoryBody } }, async (request, reply) => {
    const ctx = await authorize(request, 'catalog.write', { pepper });
    return reply.code(201).send(await createCategory(ctx, request.body));
  });
  app.patch('/catalog/categories/:id', { schema: { tags, params: idParams, body: categoryPatch } }, async (request) => {
    const ctx = await authorize(request, 'catalog.write', { pepper });
    return updateCategory(ctx, request.params.id, request.body);
  });
  app.delete('/catalog/categories/:id', { schema: { tags, summary: 'Delete an empty category', params: idParams } }, async (request, reply) => {
    const ctx = await authorize(request, 'catalog.write', { pepper });
    await deleteCategory(ctx, request.params.id);
    return reply.code(204).send();
  });

  // ---- modifiers ----
  app.get('/catalog/modifier-groups', { schema: { tags, querystring: noQuery } }, async (request) => {
    const ctx = await authorize(request, 'catalog.read', { pepper });
    return { items: await listModifierGroups(ctx) };
  });
  app.post('/catalog/modifier-groups', { schema: { tags, body: modifierGroupBody } }, async (request, reply) => {
    const ctx = await authorize(request, 'catalog.write', { pepper });
    return reply.code(201).send(await createModifierGroup(ctx, request.body));
  });
  app.patch('/catalog/modifier-groups/:id', { schema: { tags, params: idParams, body: modifierGroupPatch } }, async (request) => {
    const ctx = await authorize(request, 'catalog.write', { pepper });
    return updateModifierGroup(ctx, request.params.id, request.body);
  });

  // ---- promotions (per store) ----
  app.get('/catalog/promotions', { schema: { tags, querystring: promotionQuery } }, async (request) => {
    const { ctx, store } = await authorizeInStore(request, 'catalog.read', request.query.storeId, { pepper, field: 'querystring.storeId' });
    return { items: (await listPromotions(ctx, store.id, { includeInactive: request.query.includeInactive === 'true' })).map(presentPromotion) };
  });
  app.post('/catalog/promotions', { schema: { tags, body: promotionBody } }, async (request, reply) => {
    const ctx = await authorize(request, 'catalog.write', { storeId: request.body.storeId, pepper });
    return reply.code(201).send(await createPromotion(ctx, request.body));
  });
  app.patch('/catalog/promotions/:id', { schema: { tags, params: idParams, body: promotionPatch } }, async (request) => {
    const storeId = await storeOfPromotion(request, request.params.id);
    const ctx = await authorize(request, 'catalog.write', { storeId, pepper });
    return updatePromotion(ctx, request.params.id, request.body);
  });
  app.delete('/catalog/promotions/:id', { schema: { tags, summary: 'Deactivate a promotion', params: idParams } }, async (request) => {
    const storeId = await storeOfPromotion(request, request.params.id);
    const ctx = await authorize(request, 'catalog.write', { storeId, pepper });
    return updatePromotion(ctx, request.params.id, { active: false });
  });

  // ---- register: lookup, quote, sync ----
  app.get('/catalog/lookup', { schema: { tags, summary: 'Resolve a scanned code to product, quantity and price', querystring: lookupQuery } }, async (request) => {
    const { ctx, store } = await authorizeInStore(request, 'catalog.read', request.query.storeId, { pepper, field: 'querystring.storeId' });
    return lookupCode(ctx, store, request.query.code);
  });

  app.post('/pricing/quote', { schema: { tags: ['pricing'], summary: 'Price a basket exactly as the register does', body: quoteBody } }, async (request) => {
    const body = request.body;
    const inStore = await authorizeInStore(request, 'catalog.read', body.storeId, { pepper, field: 'body.storeId' });
    const store = inStore.store;
    let ctx = inStore.ctx;
    if (body.lines.some((l) => l.priceOverride !== undefined)) {
      ctx = await authorize(request, 'sales.price.override', { storeId: store.id, pepper });
    }
    if (body.cartDiscount || body.lines.some((l) => l.discount)) {
      const approved = await authorize(request, 'sales.discount', { storeId: store.id, pepper });
      ctx = { ...ctx, approver: approved.approver ?? ctx.approver };
    }
    return quote(ctx, store, body);
  });

  app.get('/catalog/changes', { schema: { tags, summary: 'Catalog change feed after a cursor (paged)', querystring: changesQuery } }, async (request) => {
    const { ctx, store } = await authorizeInStore(request, 'catalog.read', request.query.storeId, { pepper, field: 'querystring.storeId' });
    return catalogChanges(ctx, store, { since: request.query.since, limit: request.query.limit });
  });

  app.get('/catalog/snapshot', { schema: { tags, summary: 'Everything a register needs (paged by product id)', querystring: snapshotQuery } }, async (request) => {
    const { ctx, store } = await authorizeInStore(request, 'catalog.read', request.query.storeId, { pepper, field: 'querystring.storeId' });
    return catalogSnapshot(ctx, store, { after: request.query.after, limit: request.query.limit });
  });
}
