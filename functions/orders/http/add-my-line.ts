// POST /me/cart/lines (customer): adds units of a published SKU.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { carts } from '../runtime.ts';
import { cartAnswer, customer } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['POST /me/cart/lines'],
  handler: async ({ principal, body, correlationId }) =>
    cartAnswer(await carts.addLine(customer(principal), body.sku, body.quantity, correlationId)),
});
