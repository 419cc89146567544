// POST /me/cart/merge (customer): folds a guest cart (id + secret) into the customer's on sign-in.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { carts } from '../runtime.ts';
import { cartView } from './cart-view.ts';
import { customer } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['POST /me/cart/merge'],
  handler: async ({ principal, body, correlationId }) => {
    const { cart, capped, dropped } = await carts.mergeGuestCart(customer(principal), body, correlationId);
    return { status: 200, body: { cart: cartView(cart), capped, dropped } };
  },
});
