// PUT /price-lists/{segment} (staff): replaces a customer segment's price list (priority and entries), read
// at `version` (0 for a new list); announces price.changed with the changed entries, in one transaction.
import { httpRoute } from '@commerce/lambda-kit/http';
import { pricingRoutes } from '../routes.ts';
import { pricing } from '../runtime.ts';

export const handler = httpRoute({
  ...pricingRoutes['PUT /price-lists/{segment}'],
  handler: async ({ params, body, correlationId }) => ({
    status: 200,
    body: await pricing.setPriceList(params.segment, body, { correlationId }),
  }),
});
