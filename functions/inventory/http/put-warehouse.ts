// PUT /warehouses/{id} (staff): creates a warehouse, or replaces it at the version read.
import { httpRoute } from '@commerce/lambda-kit/http';
import { inventory } from '../runtime.ts';
import { inventoryRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...inventoryRoutes['PUT /warehouses/{id}'],
  handler: async ({ params, body }) => {
    const warehouse = await inventory.putWarehouse(params.id, body);
    return { status: 200, body: warehouse, headers: { etag: `"${warehouse.version}"` } };
  },
});
