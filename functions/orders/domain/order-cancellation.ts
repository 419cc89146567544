// Cancelling an order before it ships, and what the other services must give back. Pure.
import type { Order, OrderTransition, TransitionContext } from './order.ts';
import { orderCancelled, type CancelReason } from './order-events.ts';
import { moveTo } from './order-state.ts';

/**
 * → cancelled, from a stage before shipping, announcing order.cancelled with `reason` (the history keeps
 * `ctx.reason`, a person's note or the cause). Money captured and not yet refunded is announced as
 * `refundDue`; the payment service gives it back and its refund is then recorded with `refund`, which on a
 * cancelled order only updates the payment record.
 */
export function cancel(order: Order, reason: CancelReason, ctx: TransitionContext): OrderTransition {
  const after = moveTo(order, 'cancelled', ctx, {});
  return { order: after, events: [orderCancelled(order, after, reason)] };
}
