// POST /products (staff): creates a product; handle and SKUs must be unique, categories must exist.
import { eventContextOf, httpRoute } from '@commerce/lambda-kit/http';
import { catalogRoutes } from '../routes.ts';
import { catalog } from '../runtime.ts';

export const handler = httpRoute({
  ...catalogRoutes['POST /products'],
  handler: async ({ body, ...request }) => {
    const product = await catalog.createProduct(body, eventContextOf(request));
    return { status: 201, body: product, headers: { location: `/products/${product.id}` } };
  },
});
