// POST /me/cart/checkout (customer, Idempotency-Key): places the customer's order.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { withPaymentProvider } from '../domain/payment-provider.ts';
import { checkout, paymentProviders } from '../runtime.ts';
import { checkoutAnswer } from './checkout-answer.ts';
import { customer, idempotencyKeyOf } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['POST /me/cart/checkout'],
  handler: async ({ principal, headers, body, correlationId }) => {
    const key = idempotencyKeyOf(headers);
    // The gateway is settled (allowed on this stage, or the default) before the key is claimed.
    const request = withPaymentProvider(body, paymentProviders);
    return checkoutAnswer(
      await checkout.checkout(customer(principal), key, request, { correlationId }),
      'customer',
    );
  },
});
