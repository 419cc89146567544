// POST /carts/{id}/checkout (public, X-Cart-Secret, Idempotency-Key): places the guest's order.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { withPaymentProvider } from '../domain/payment-provider.ts';
import { checkout, paymentProviders } from '../runtime.ts';
import { checkoutAnswer } from './checkout-answer.ts';
import { guest, idempotencyKeyOf } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['POST /carts/{id}/checkout'],
  handler: async ({ params, headers, body, correlationId }) => {
    const key = idempotencyKeyOf(headers);
    // The gateway is settled (allowed on this stage, or the default) before the key is claimed.
    const request = withPaymentProvider(body, paymentProviders);
    return checkoutAnswer(
      await checkout.checkout(guest(params.id, headers), key, request, { correlationId }),
      'guest',
    );
  },
});
