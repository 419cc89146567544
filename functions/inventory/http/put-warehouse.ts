// PUT /warehouses/{id} (staff): creates a warehouse, or replaces it at the version read.
import { httpRoute } from '@commerce/lambda-kit/http';
import { putWarehouse } from '../domain/warehouse.ts';
import { store } from '../runtime.ts';
import { inventoryRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...inventoryRoutes['PUT /warehouses/{id}'],
  handler: async ({ params, body }) => {
    const existing = await store.getWarehouse(params.id);
    const write = putWarehouse(params.id, existing, body, new Date());
    if (write.changed) await store.saveWarehouse(write.warehouse, write.expected);
    return {
      status: 200,
      body: write.warehouse,
      headers: { etag: `"${write.warehouse.version}"` },
    };
  },
});
