// Internal `authorize` (contract: paymentAuthorize in @commerce/contracts): holds an order's amount on the
// customer's payment method for a later capture. Invoked by orders at checkout with { paymentId, orderId,
// amount, currency, provider?, paymentMethodToken, customerEmail?, returnUrl?, correlationId? }; answers
// { payment, nextAction? } (status authorized, requires_action, or failed with a failureCode for a decline),
// or { error } (400, 409 payment-idempotency-conflict, 422 payment-provider-unavailable, 503
// payment-gateway-unavailable). Idempotent per payment id: a repeat answers the stored result without
// calling the gateway.
import { paymentAuthorize } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { payments } from '../runtime.ts';

export const handler = internalFunction(paymentAuthorize, async (input, { correlationId }) =>
  payments.authorize(input, { correlationId }),
);
