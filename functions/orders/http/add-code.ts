// POST /carts/{id}/codes (public, X-Cart-Secret): enters a promotion code.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { carts } from '../runtime.ts';
import { cartAnswer, guest } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['POST /carts/{id}/codes'],
  handler: async ({ params, headers, body, correlationId }) =>
    cartAnswer(await carts.addCode(guest(params.id, headers), body.code, correlationId)),
});
