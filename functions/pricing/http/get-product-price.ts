// GET /product-prices/{id} (public): a published product's variant prices for a guest (no segment) in a
// currency at a destination, in the destination's tax mode with the tax of each. 404 for a product pricing
// has not heard of from the catalog, or one that is not published.
import { httpRoute } from '@commerce/lambda-kit/http';
import { pricingRoutes } from '../routes.ts';
import { pricing } from '../runtime.ts';

export const handler = httpRoute({
  ...pricingRoutes['GET /product-prices/{id}'],
  handler: async ({ params, query }) => ({
    status: 200,
    body: await pricing.productPrices(params.id, query),
  }),
});
