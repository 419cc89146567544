// PATCH /me/cart (customer): addresses, shipping method (the email is the account's).
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { orders } from '../runtime.ts';
import { customer, pricedCart } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['PATCH /me/cart'],
  handler: async ({ principal, body, correlationId }) =>
    pricedCart(await orders.updateCart(customer(principal), body), correlationId),
});
