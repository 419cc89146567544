// Internal `authorize`: holds an order's amount on the customer's payment method for a later capture.
// Invoked by orders at checkout with { paymentId, orderId, amount, currency, provider?, paymentMethodToken,
// customerEmail?, returnUrl?, correlationId? }; answers { payment, nextAction? } (status authorized,
// requires_action, or failed with a failureCode for a decline), or { error } (400, 409
// payment-idempotency-conflict, 422 payment-provider-unavailable, 503 payment-gateway-unavailable).
// Idempotent per payment id: a repeat answers the stored result without calling the gateway.
import { payments } from '../runtime.ts';
import { authorizeInput } from '../schemas.ts';
import { internalFunction } from '@commerce/lambda-kit/internal';

export const handler = internalFunction({
  name: 'Authorize',
  input: authorizeInput,
  handler: async (input, { correlationId }) => payments.authorize(input, { correlationId }),
});
