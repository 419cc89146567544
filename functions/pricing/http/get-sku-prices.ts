// GET /prices/{sku} (staff): the SKU's base and sale prices in every currency, with their version.
import { NotFoundError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { store } from '../runtime.ts';
import { pricingRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...pricingRoutes['GET /prices/{sku}'],
  handler: async ({ params }) => {
    const prices = await store.getSkuPrices(params.sku);
    if (!prices) throw new NotFoundError(`SKU ${params.sku} has no prices.`);
    return { status: 200, body: prices, headers: { etag: `"${prices.version}"` } };
  },
});
