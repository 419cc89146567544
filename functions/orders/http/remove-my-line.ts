// DELETE /me/cart/lines/{sku} (customer): removes a line.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { orders } from '../runtime.ts';
import { customer, pricedCart } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['DELETE /me/cart/lines/{sku}'],
  handler: async ({ principal, params, correlationId }) =>
    pricedCart(await orders.removeLine(customer(principal), params.sku), correlationId),
});
