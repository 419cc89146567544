// DELETE /carts/{id}/lines/{sku} (public, X-Cart-Secret): removes a line.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { carts } from '../runtime.ts';
import { cartAnswer, guest } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['DELETE /carts/{id}/lines/{sku}'],
  handler: async ({ params, headers, correlationId }) =>
    cartAnswer(await carts.removeLine(guest(params.id, headers), params.sku, correlationId)),
});
