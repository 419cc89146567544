// GET /warehouses (staff): every warehouse, by id.
import { httpRoute } from '@commerce/lambda-kit/http';
import { inventory } from '../runtime.ts';
import { inventoryRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...inventoryRoutes['GET /warehouses'],
  handler: async () => ({ status: 200, body: { items: await inventory.warehouses() } }),
});
