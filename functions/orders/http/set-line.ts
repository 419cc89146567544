// PUT /carts/{id}/lines/{sku} (public, X-Cart-Secret): sets a line's quantity.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { orders } from '../runtime.ts';
import { guest, pricedCart } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['PUT /carts/{id}/lines/{sku}'],
  handler: async ({ params, headers, body, correlationId }) =>
    pricedCart(
      await orders.setLineQuantity(guest(params.id, headers), params.sku, body.quantity),
      correlationId,
    ),
});
