// POST /carts/{id}/lines (public, X-Cart-Secret): adds units of a published SKU.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { carts } from '../runtime.ts';
import { cartAnswer, guest } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['POST /carts/{id}/lines'],
  handler: async ({ params, headers, body, correlationId }) =>
    cartAnswer(await carts.addLine(guest(params.id, headers), body.sku, body.quantity, correlationId)),
});
