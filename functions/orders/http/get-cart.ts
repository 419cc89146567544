// GET /carts/{id} (public, X-Cart-Secret): the guest cart, priced now.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { carts } from '../runtime.ts';
import { cartAnswer, guest } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['GET /carts/{id}'],
  handler: async ({ params, headers, correlationId }) =>
    cartAnswer(await carts.getCart(guest(params.id, headers), correlationId)),
});
