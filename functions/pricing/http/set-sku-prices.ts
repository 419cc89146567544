// PUT /prices/{sku} (staff): replaces the SKU's base and sale prices in every currency, read at `version`
// (0 for a SKU without prices); announces price.changed with what changed, in the same transaction.
import { httpRoute } from '@commerce/lambda-kit/http';
import { pricingRoutes } from '../routes.ts';
import { pricing } from '../runtime.ts';

export const handler = httpRoute({
  ...pricingRoutes['PUT /prices/{sku}'],
  handler: async ({ params, body, correlationId }) => {
    const prices = await pricing.setSkuPrices(params.sku, body, { correlationId });
    return { status: 200, body: prices, headers: { etag: `"${prices.version}"` } };
  },
});
