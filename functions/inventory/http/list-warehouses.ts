// GET /warehouses (staff): every warehouse, by id.
import { httpRoute } from '@commerce/lambda-kit/http';
import { store } from '../runtime.ts';
import { inventoryContract } from '../contract.ts';

export const handler = httpRoute({
  ...inventoryContract['GET /warehouses'],
  handler: async () => ({ status: 200, body: { items: await store.listWarehouses() } }),
});
