// PATCH /me/cart (customer): addresses, shipping method (the email is the account's).
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { carts } from '../runtime.ts';
import { cartAnswer, customer } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['PATCH /me/cart'],
  handler: async ({ principal, body, correlationId }) =>
    cartAnswer(await carts.updateCart(customer(principal), body, correlationId)),
});
