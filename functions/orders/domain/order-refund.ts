// Giving money back: refunds accumulate up to what was captured. Pure.
import { UnprocessableError, ValidationError } from '@commerce/lambda-kit/errors';
import type { Order, OrderPayment, OrderTransition, TransitionContext } from './order.ts';
import { orderRefunded } from './order-events.ts';
import { assertTransition, fulfilmentStage, moveTo, touch } from './order-state.ts';

/**
 * The id of the next refund of `order` at the payment service: tied to the order's version, so a double
 * submit of the same refund refunds once.
 */
export const refundIdOf = (order: Order): string => `rf_${order.id.slice(4)}_${order.version}`;

/**
 * Records a refund of `amount` minor units (with the id `refundIdOf(order)`). Refunds accumulate and their
 * sum never exceeds what was captured (422 `refund-exceeds-captured`). When the sum reaches the captured
 * amount the order becomes `refunded` (terminal), otherwise `partially_refunded`. On a cancelled order the
 * refund is recorded in the payment only: cancelled stays the status, since it already says why the money
 * goes back.
 */
export function refund(order: Order, amount: number, ctx: TransitionContext): OrderTransition {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new ValidationError([
      { in: 'body', pointer: '/amount', detail: 'Must be a positive integer (minor units).' },
    ]);
  }
  const { capturedAmount } = order.payment;
  const refundedAmount = order.payment.refundedAmount + amount;
  const full = refundedAmount === capturedAmount;
  const cancelled = order.status === 'cancelled';
  if (!cancelled) assertTransition(order, full ? 'refunded' : 'partially_refunded');
  if (refundedAmount > capturedAmount) {
    throw new UnprocessableError(
      `Refunding ${amount} would bring refunds to ${refundedAmount}, above the ${capturedAmount} captured.`,
      'refund-exceeds-captured',
    );
  }
  const payment: OrderPayment = {
    ...order.payment,
    refundedAmount,
    status: full ? 'refunded' : 'partially_refunded',
  };
  const after = cancelled
    ? touch(order, ctx, { payment })
    : moveTo(order, full ? 'refunded' : 'partially_refunded', ctx, { payment });
  const stage = fulfilmentStage(order);
  return {
    order: after,
    events: [
      orderRefunded(after, {
        refundId: refundIdOf(order),
        amount,
        refundedAmount,
        capturedAmount,
        full,
        goodsShipped: !cancelled && (stage === 'shipped' || stage === 'delivered'),
      }),
    ],
  };
}
