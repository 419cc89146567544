// PUT /shipping/zones/{id} (staff): creates a zone (version 0) or replaces it at the version read.
import { httpRoute } from '@commerce/lambda-kit/http';
import { shippingRoutes } from '../routes.ts';
import { shipping } from '../runtime.ts';

export const handler = httpRoute({
  ...shippingRoutes['PUT /shipping/zones/{id}'],
  handler: async ({ params, body }) => {
    const zone = await shipping.putZone(params.id, body);
    return { status: 200, body: zone, headers: { etag: `"${zone.version}"` } };
  },
});
