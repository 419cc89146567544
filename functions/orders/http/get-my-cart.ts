// GET /me/cart (customer): the customer's cart, priced now.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { carts } from '../runtime.ts';
import { cartAnswer, customer } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['GET /me/cart'],
  handler: async ({ principal, correlationId }) =>
    cartAnswer(await carts.getCart(customer(principal), correlationId)),
});
