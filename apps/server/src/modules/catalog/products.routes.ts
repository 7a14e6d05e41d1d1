import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize } from '../auth/authorize.js';
import { decodeCursor, encodeCursor } from './catalog-http.js';
import {
  idParams,
  productBarcodeBody,
  productBody,
  productPatch,
  productPriceBody,
  productSearchQuery,
  storeQuery,
  variantBody,
  variantPatch,
} from './catalog.schema.js';
import { loadProductViews, searchProducts } from './products.repository.js';
import { archiveProduct, createProduct, productView, updateProduct, visibleStores } from './products.service.js';
import { addBarcode, addVariant, removeBarcode, setPrice, updateVariant } from './variants.service.js';

/** Products, variants, barcodes and store prices (back office). */
export function registerProductRoutes(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const pepper = app.deps.pinPepper;
  const tags = ['catalog'];

  app.get(
    '/catalog/products',
    { schema: { tags, summary: 'Search products by name, SKU or barcode prefix (paged)', querystring: productSearchQuery } },
    async (request) => {
      const q = request.query;
      const ctx = await authorize(request, 'catalog.read', { storeId: q.storeId, pepper });
      const rows = await searchProducts(ctx, { q: q.q, categoryId: q.categoryId, status: q.status, after: decodeCursor(q.cursor, 'querystring.cursor'), limit: q.limit });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        items: await loadProductViews(ctx, page, q.storeId ? [q.storeId] : visibleStores(ctx)),
        nextCursor: rows.length > q.limit && last ? encodeCursor(last.name_search, last.id) : null,
      };
    },
  );

  app.post('/catalog/products', { schema: { tags, summary: 'Create a product (with variants, barcodes, prices)', body: productBody } }, async (request, reply) => {
    const ctx = await authorize(request, 'catalog.write', { pepper });
    return reply.code(201).send(await createProduct(ctx, request.body));
  });

  app.get('/catalog/products/:id', { schema: { tags, params: idParams, querystring: storeQuery } }, async (request) => {
    const ctx = await authorize(request, 'catalog.read', { storeId: request.query.storeId, pepper });
    return productView(ctx, request.params.id, request.query.storeId ? [request.query.storeId] : visibleStores(ctx));
  });

  app.patch('/catalog/products/:id', { schema: { tags, params: idParams, body: productPatch } }, async (request) => {
    const ctx = await authorize(request, 'catalog.write', { pepper });
    return updateProduct(ctx, request.params.id, request.body);
  });

  app.delete('/catalog/products/:id', { schema: { tags, summary: 'Archive a product (never hard-deleted)', params: idParams } }, async (request) => {
    const ctx = await authorize(request, 'catalog.write', { pepper });
    return archiveProduct(ctx, request.params.id);
  });

  app.post('/catalog/products/:id/variants', { schema: { tags, params: idParams, body: variantBody } }, async (request, reply) => {
    const ctx = await authorize(request, 'catalog.write', { pepper });
    return reply.code(201).send(await addVariant(ctx, request.params.id, request.body));
  });

  app.patch('/catalog/variants/:id', { schema: { tags, params: idParams, body: variantPatch } }, async (request) => {
    const ctx = await authorize(request, 'catalog.write', { pepper });
    return updateVariant(ctx, request.params.id, request.body);
  });

  app.post('/catalog/products/:id/barcodes', { schema: { tags, params: idParams, body: productBarcodeBody } }, async (request, reply) => {
    const ctx = await authorize(request, 'catalog.write', { pepper });
    return reply.code(201).send(await addBarcode(ctx, request.params.id, request.body));
  });

  app.delete('/catalog/barcodes/:id', { schema: { tags, params: idParams } }, async (request, reply) => {
    const ctx = await authorize(request, 'catalog.write', { pepper });
    await removeBarcode(ctx, request.params.id);
    return reply.code(204).send();
  });

  app.put(
    '/catalog/products/:id/prices',
    { schema: { tags, summary: 'Set or remove the price of a product/variant in a store', params: idParams, body: productPriceBody } },
    async (request) => {
      const ctx = await authorize(request, 'catalog.write', { storeId: request.body.storeId, pepper });
      return setPrice(ctx, request.params.id, request.body);
    },
  );
}
