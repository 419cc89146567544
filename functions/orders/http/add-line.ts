// POST /carts/{id}/lines (public, X-Cart-Secret): adds units of a published SKU.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { orders } from '../runtime.ts';
import { guest, pricedCart } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['POST /carts/{id}/lines'],
  handler: async ({ params, headers, body, correlationId }) =>
    pricedCart(await orders.addLine(guest(params.id, headers), body.sku, body.quantity), correlationId),
});
