// Stripe's errors in our terms: which are the gateway failing (the circuit breaker counts them), a line for
// the log that quotes no parameters (Stripe's errors can carry the PaymentMethod), and the typed error a
// refusal becomes. Loaded with the Stripe provider, never on its own.
import { ConflictError, DomainError, UnprocessableError, ValidationError } from '@commerce/lambda-kit/errors';
import Stripe from 'stripe';

/** Network errors, Stripe's 5xx and rate limiting: the gateway is failing, not refusing. */
export function isStripeFault(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    (error instanceof Stripe.errors.StripeError && (error.statusCode ?? 0) >= 500)
  );
}

/** A line for the log: type, status, code and request id, never the message (it may quote parameters). */
export function describeStripeError(error: unknown): string {
  if (!(error instanceof Stripe.errors.StripeError))
    return error instanceof Error ? error.name : typeof error;
  return [error.type, error.statusCode, error.code, error.requestId]
    .filter((part) => part !== undefined)
    .join(' ');
}

/** Our error for a Stripe error that is not a fault (faults are GatewayUnavailableError already). */
export function translateStripeError(error: unknown): unknown {
  if (error instanceof DomainError || !(error instanceof Stripe.errors.StripeError)) return error;
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    return new ConflictError(
      'This payment was already sent to the gateway with different details.',
      'payment-idempotency-conflict',
    );
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError && error.param === 'payment_method') {
    return new ValidationError([
      {
        in: 'body',
        pointer: '/paymentMethodToken',
        detail: 'The payment method is unknown or cannot be used.',
      },
    ]);
  }
  if (
    error instanceof Stripe.errors.StripeInvalidRequestError ||
    error instanceof Stripe.errors.StripeCardError
  ) {
    return new UnprocessableError(
      `The payment gateway refused the request (${error.code ?? error.type}).`,
      'payment-gateway-refused',
    );
  }
  // Authentication, permission and anything unexpected: our configuration, not the client's request. A
  // generic 500; the description is safe to log.
  return new Error(`Stripe refused the request: ${describeStripeError(error)}`);
}
