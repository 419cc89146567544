// POST /shipping/rates (public): the shipping offers for a cart ({currency, subtotal, totalWeightGrams,
// destination}), cheapest first.
import { httpRoute } from '@commerce/lambda-kit/http';
import { shippingRoutes } from '../routes.ts';
import { shipping } from '../runtime.ts';

export const handler = httpRoute({
  ...shippingRoutes['POST /shipping/rates'],
  handler: async ({ body }) => ({ status: 200, body: { offers: await shipping.quote(body) } }),
});
