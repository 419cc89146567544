// POST /shipping/rates (public): the shipping offers for a cart ({currency, subtotal, totalWeightGrams,
// destination}), cheapest first.
import { httpRoute } from '@commerce/lambda-kit/http';
import { shippingContract } from '../contract.ts';
import { shipping } from '../runtime.ts';

export const handler = httpRoute({
  ...shippingContract['POST /shipping/rates'],
  handler: async ({ body }) => ({ status: 200, body: { offers: await shipping.quote(body) } }),
});
