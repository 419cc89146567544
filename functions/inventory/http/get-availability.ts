// GET /availability/{sku} (public): in stock, low on stock or out of stock; never the number of units.
import { httpRoute } from '@commerce/lambda-kit/http';
import { inventory } from '../runtime.ts';
import { inventoryRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...inventoryRoutes['GET /availability/{sku}'],
  handler: async ({ params }) => ({ status: 200, body: await inventory.availability(params.sku) }),
});
