// GET /shipping/methods (staff): every shipping method with its rate.
import { httpRoute } from '@commerce/lambda-kit/http';
import { shippingRoutes } from '../routes.ts';
import { shipping } from '../runtime.ts';

export const handler = httpRoute({
  ...shippingRoutes['GET /shipping/methods'],
  handler: async () => ({ status: 200, body: { items: await shipping.methods() } }),
});
