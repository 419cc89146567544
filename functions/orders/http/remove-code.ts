// DELETE /carts/{id}/codes/{code} (public, X-Cart-Secret): removes a promotion code.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { carts } from '../runtime.ts';
import { cartAnswer, guest } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['DELETE /carts/{id}/codes/{code}'],
  handler: async ({ params, headers, correlationId }) =>
    cartAnswer(await carts.removeCode(guest(params.id, headers), params.code, correlationId)),
});
