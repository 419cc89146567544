// PATCH /carts/{id} (public, X-Cart-Secret): email, addresses, shipping method.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { orders } from '../runtime.ts';
import { guest, pricedCart } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['PATCH /carts/{id}'],
  handler: async ({ params, headers, body, correlationId }) =>
    pricedCart(await orders.updateCart(guest(params.id, headers), body), correlationId),
});
