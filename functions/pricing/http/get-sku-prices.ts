// GET /prices/{sku} (staff): the SKU's base and sale prices in every currency, with their version.
import { httpRoute } from '@commerce/lambda-kit/http';
import { pricingRoutes } from '../routes.ts';
import { pricing } from '../runtime.ts';

export const handler = httpRoute({
  ...pricingRoutes['GET /prices/{sku}'],
  handler: async ({ params }) => {
    const prices = await pricing.skuPrices(params.sku);
    return { status: 200, body: prices, headers: { etag: `"${prices.version}"` } };
  },
});
