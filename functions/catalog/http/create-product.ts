// POST /products (staff): creates a product; handle and SKUs must be unique, categories must exist.
import { ProductCreated } from '@commerce/events';
import { httpRoute } from '@commerce/lambda-kit/http';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import { randomUUID } from 'node:crypto';
import { newProduct } from '../domain/product.ts';
import { store } from '../runtime.ts';
import { catalogRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...catalogRoutes['POST /products'],
  handler: async ({ body, correlationId }) => {
    const now = new Date();
    const product = newProduct(body, randomUUID(), now);
    await store.createProduct(product, outboxItem(ProductCreated, product, { correlationId }, now));
    return { status: 201, body: product, headers: { location: `/products/${product.id}` } };
  },
});
