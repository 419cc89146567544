// Checkout's payment step (use-cases/checkout.ts, step 5): the authorization asked of the payment service,
// with "no answer" (the callee errored, was throttled or timed out: its effect unknown) as an answer too.
import type { PaymentProviderName } from '@commerce/contracts';
import { PeerUnavailableError } from '@commerce/lambda-kit/internal-client';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import type { AuthorizationAnswer } from '../domain/checkout.ts';
import { orderPaymentId, type Order } from '../domain/order.ts';
import type { Peers } from '../domain/ports.ts';
import type { CheckoutRequest } from './checkout.ts';

/** Asks payment to hold the order's amount (idempotent per payment id); no answer is an answer too. */
export async function askGateway(
  peers: Pick<Peers, 'authorize'>,
  order: Order,
  request: CheckoutRequest,
  context: EventContext,
): Promise<AuthorizationAnswer> {
  try {
    return await peers.authorize({
      paymentId: orderPaymentId(order),
      orderId: order.id,
      amount: order.totals.grandTotal,
      currency: order.currency,
      // Checkout took it from the same list (schemas.ts, checkoutBody); the order keeps it as a string.
      provider: order.payment.provider as PaymentProviderName,
      paymentMethodToken: request.payment.token,
      customerEmail: order.email,
      ...(request.payment.returnUrl === undefined ? {} : { returnUrl: request.payment.returnUrl }),
      correlationId: context.correlationId,
    });
  } catch (error) {
    if (error instanceof PeerUnavailableError) return { unavailable: true };
    throw error;
  }
}
