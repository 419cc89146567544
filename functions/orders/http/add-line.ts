// POST /carts/{id}/lines (public, X-Cart-Secret): adds units of a published SKU.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersContract } from '../contract.ts';
import { orders } from '../runtime.ts';
import { guest, pricedCart } from './support.ts';

export const handler = httpRoute({
  ...ordersContract['POST /carts/{id}/lines'],
  handler: async ({ params, headers, body, correlationId }) =>
    pricedCart(await orders.addLine(guest(params.id, headers), body.sku, body.quantity), correlationId),
});
