// GET /me/cart (customer): the customer's cart, priced now.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { orders } from '../runtime.ts';
import { customer, pricedCart } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['GET /me/cart'],
  handler: async ({ principal, correlationId }) =>
    pricedCart(await orders.getCart(customer(principal)), correlationId),
});
