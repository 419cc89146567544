// POST /me/cart/codes (customer): enters a promotion code.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { carts } from '../runtime.ts';
import { cartAnswer, customer } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['POST /me/cart/codes'],
  handler: async ({ principal, body, correlationId }) =>
    cartAnswer(await carts.addCode(customer(principal), body.code, correlationId)),
});
