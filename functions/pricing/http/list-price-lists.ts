// GET /price-lists (staff): every customer segment's price list.
import { httpRoute } from '@commerce/lambda-kit/http';
import { store } from '../runtime.ts';
import { pricingRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...pricingRoutes['GET /price-lists'],
  handler: async () => ({ status: 200, body: { items: await store.listPriceLists() } }),
});
