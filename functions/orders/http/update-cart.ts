// PATCH /carts/{id} (public, X-Cart-Secret): email, addresses, shipping method.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { carts } from '../runtime.ts';
import { cartAnswer, guest } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['PATCH /carts/{id}'],
  handler: async ({ params, headers, body, correlationId }) =>
    cartAnswer(await carts.updateCart(guest(params.id, headers), body, correlationId)),
});
