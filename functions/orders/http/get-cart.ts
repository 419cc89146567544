// GET /carts/{id} (public, X-Cart-Secret): the guest cart, priced now.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { orders } from '../runtime.ts';
import { guest, pricedCart } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['GET /carts/{id}'],
  handler: async ({ params, headers, correlationId }) =>
    pricedCart(await orders.getCart(guest(params.id, headers)), correlationId),
});
