// GET /availability?skus=a,b (public): the availability of several SKUs at once (a product page's variants).
import { httpRoute } from '@commerce/lambda-kit/http';
import { inventory } from '../runtime.ts';
import { inventoryRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...inventoryRoutes['GET /availability'],
  handler: async ({ query }) => ({
    status: 200,
    body: { items: await inventory.availabilities(query.skus) },
  }),
});
