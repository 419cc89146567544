// GET /categories: the whole category tree.
import { httpRoute } from '@commerce/lambda-kit/http';
import { catalogRoutes } from '../routes.ts';
import { catalog } from '../runtime.ts';

export const handler = httpRoute({
  ...catalogRoutes['GET /categories'],
  handler: async () => ({ status: 200, body: { items: await catalog.categoryTree() } }),
});
