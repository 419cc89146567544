// GET /price-lists (staff): every customer segment's price list.
import { httpRoute } from '@commerce/lambda-kit/http';
import { pricingRoutes } from '../routes.ts';
import { pricing } from '../runtime.ts';

export const handler = httpRoute({
  ...pricingRoutes['GET /price-lists'],
  handler: async () => ({ status: 200, body: { items: await pricing.priceLists() } }),
});
