// POST /carts/{id}/checkout (public, X-Cart-Secret, Idempotency-Key): places the guest's order.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { checkout } from '../runtime.ts';
import { checkoutAnswer } from './checkout-answer.ts';
import { guest, idempotencyKeyOf } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['POST /carts/{id}/checkout'],
  handler: async ({ params, headers, body, correlationId }) => {
    const key = idempotencyKeyOf(headers);
    return checkoutAnswer(
      await checkout.checkout(guest(params.id, headers), key, body, { correlationId }),
      'guest',
    );
  },
});
