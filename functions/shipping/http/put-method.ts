// PUT /shipping/methods/{id} (staff): creates a method with its rate (version 0) or replaces it at the
// version read; the whole rate table is checked with it.
import { httpRoute } from '@commerce/lambda-kit/http';
import { shippingRoutes } from '../routes.ts';
import { shipping } from '../runtime.ts';

export const handler = httpRoute({
  ...shippingRoutes['PUT /shipping/methods/{id}'],
  handler: async ({ params, body }) => {
    const method = await shipping.putMethod(params.id, body);
    return { status: 200, body: method, headers: { etag: `"${method.version}"` } };
  },
});
