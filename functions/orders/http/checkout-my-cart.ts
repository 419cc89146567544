// POST /me/cart/checkout (customer, Idempotency-Key): places the customer's order.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { orders } from '../runtime.ts';
import { checkoutResult, customer, idempotencyKeyOf } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['POST /me/cart/checkout'],
  handler: async ({ principal, headers, body, correlationId }) => {
    const key = idempotencyKeyOf(headers);
    return checkoutResult(await orders.checkout(customer(principal), key, body, { correlationId }));
  },
});
