// GET /categories: the whole category tree.
import { httpRoute } from '@commerce/lambda-kit/http';
import { buildTree } from '../domain/category.ts';
import { store } from '../runtime.ts';
import { catalogRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...catalogRoutes['GET /categories'],
  handler: async () => ({ status: 200, body: { items: buildTree(await store.listCategories()) } }),
});
