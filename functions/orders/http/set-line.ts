// PUT /carts/{id}/lines/{sku} (public, X-Cart-Secret): sets a line's quantity.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { carts } from '../runtime.ts';
import { cartAnswer, guest } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['PUT /carts/{id}/lines/{sku}'],
  handler: async ({ params, headers, body, correlationId }) =>
    cartAnswer(
      await carts.setLineQuantity(guest(params.id, headers), params.sku, body.quantity, correlationId),
    ),
});
