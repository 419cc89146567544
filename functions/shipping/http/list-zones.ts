// GET /shipping/zones (staff): every shipping zone.
import { httpRoute } from '@commerce/lambda-kit/http';
import { shippingRoutes } from '../routes.ts';
import { shipping } from '../runtime.ts';

export const handler = httpRoute({
  ...shippingRoutes['GET /shipping/zones'],
  handler: async () => ({ status: 200, body: { items: await shipping.zones() } }),
});
