// DELETE /me/cart/lines/{sku} (customer): removes a line.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { carts } from '../runtime.ts';
import { cartAnswer, customer } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['DELETE /me/cart/lines/{sku}'],
  handler: async ({ principal, params, correlationId }) =>
    cartAnswer(await carts.removeLine(customer(principal), params.sku, correlationId)),
});
