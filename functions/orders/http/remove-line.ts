// DELETE /carts/{id}/lines/{sku} (public, X-Cart-Secret): removes a line.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { orders } from '../runtime.ts';
import { guest, pricedCart } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['DELETE /carts/{id}/lines/{sku}'],
  handler: async ({ params, headers, correlationId }) =>
    pricedCart(await orders.removeLine(guest(params.id, headers), params.sku), correlationId),
});
