// Cancelling an order before it ships, who may do it at which stage, and what the other services must give
// back. Pure.
import { ConflictError } from '@commerce/lambda-kit/errors';
import type { Order, OrderTransition, TransitionContext } from './order.ts';
import { orderCancelled, type CancelReason } from './order-events.ts';
import { openRefund } from './order-refund.ts';
import { fulfilmentStage, moveTo, TERMINAL_STATUSES } from './order-state.ts';

/**
 * → cancelled, from a stage before shipping, announcing order.cancelled with `reason` (the history keeps
 * `ctx.reason`, a person's note or the cause). Money captured and not yet refunded is announced as
 * `refundDue`; the payment service gives it back and payment.refunded records it (`completeRefund`), which
 * on a cancelled order only updates the payment record. Refused with 409 while a capture holds the order
 * (`payment-capture-in-progress`: its outcome decides between a void and a refund) or a refund is open
 * (`refund-in-progress`: refundDue would count it twice).
 */
export function cancel(order: Order, reason: CancelReason, ctx: TransitionContext): OrderTransition {
  assertNoPaymentInFlight(order);
  const after = moveTo(order, 'cancelled', ctx, {});
  return { order: after, events: [orderCancelled(order, after, reason)] };
}

/**
 * A customer may cancel only before fulfilment starts (pending_payment or paid): from `fulfilling` on the
 * parcel is with the warehouse and carrier, and only staff can stop it (409 `order-fulfilment-started`).
 */
export function assertCustomerMayCancel(order: Order): void {
  if (TERMINAL_STATUSES.includes(order.status)) return; // the state machine names the refusal
  const stage = fulfilmentStage(order);
  if (stage !== 'pending_payment' && stage !== 'paid') {
    throw new ConflictError(
      `Order ${order.id} is ${stage}: fulfilment has started, so it can no longer be cancelled online. ` +
        'Contact support.',
      'order-fulfilment-started',
    );
  }
}

/** Staff cancelling in `fulfilling` must have the shipment cancelled at the carrier first. */
export const needsShipmentCancellation = (order: Order): boolean =>
  !TERMINAL_STATUSES.includes(order.status) && fulfilmentStage(order) === 'fulfilling';

export class PaymentInFlightError extends ConflictError {}

function assertNoPaymentInFlight(order: Order): void {
  if (order.paymentOperation?.kind === 'capture') {
    throw new PaymentInFlightError(
      `Order ${order.id} is being captured; try again in a moment.`,
      'payment-capture-in-progress',
    );
  }
  const open = openRefund(order);
  if (open && order.status !== 'cancelled') {
    throw new PaymentInFlightError(
      `Refund ${open.id} of order ${order.id} is still being processed; try again shortly.`,
      'refund-in-progress',
    );
  }
}
