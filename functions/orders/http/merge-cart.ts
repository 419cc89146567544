// POST /me/cart/merge (customer): folds a guest cart (id + secret) into the customer's on sign-in.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { orders } from '../runtime.ts';
import { cartView } from '../views.ts';
import { customer } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['POST /me/cart/merge'],
  handler: async ({ principal, body, correlationId }) => {
    const merged = await orders.mergeGuestCart(customer(principal), body);
    const cart = cartView(merged.record, await orders.priceCart(merged.record, correlationId));
    return { status: 200, body: { cart, capped: merged.capped, dropped: merged.dropped } };
  },
});
