// GET /products: published products, newest first, optionally in one category, cursor-paginated.
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { httpRoute } from '@commerce/lambda-kit/http';
import { catalogRoutes } from '../routes.ts';
import { catalog } from '../runtime.ts';

export const handler = httpRoute({
  ...catalogRoutes['GET /products'],
  handler: async ({ query }) => ({ status: 200, body: await catalog.listProducts(query, await cursors()) }),
});
