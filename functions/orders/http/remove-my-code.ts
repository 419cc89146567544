// DELETE /me/cart/codes/{code} (customer): removes a promotion code.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { carts } from '../runtime.ts';
import { cartAnswer, customer } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['DELETE /me/cart/codes/{code}'],
  handler: async ({ principal, params, correlationId }) =>
    cartAnswer(await carts.removeCode(customer(principal), params.code, correlationId)),
});
