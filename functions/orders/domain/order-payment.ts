// The order's money on the way in: an authorization (or the gateway's reference while the customer acts),
// a failed attempt, and the capture that makes the order paid. Pure.
import { UnprocessableError } from '@commerce/lambda-kit/errors';
import { unchanged, type Order, type OrderTransition, type TransitionContext } from './order.ts';
import { orderPaid } from './order-events.ts';
import { assertTransition, moveTo, touch } from './order-state.ts';

/** Records the payment authorisation while the order waits for capture; no status change. */
export function recordAuthorization(
  order: Order,
  payment: { readonly intentId: string; readonly amount: number },
  ctx: TransitionContext,
): OrderTransition {
  assertAwaitingPayment(order);
  if (payment.amount < order.totals.grandTotal) {
    throw new UnprocessableError(
      `Authorised ${payment.amount} does not cover the order total ${order.totals.grandTotal}.`,
      'payment-amount-mismatch',
    );
  }
  return {
    order: touch(order, ctx, {
      payment: {
        ...order.payment,
        intentId: payment.intentId,
        status: 'authorized',
        authorizedAmount: payment.amount,
      },
    }),
    events: [],
  };
}

/** Notes the gateway's reference while the payment waits for the customer's action; no status change. */
export function recordPaymentIntent(order: Order, intentId: string, ctx: TransitionContext): OrderTransition {
  assertAwaitingPayment(order);
  if (order.payment.intentId === intentId) return { order, events: [] };
  return { order: touch(order, ctx, { payment: { ...order.payment, intentId } }), events: [] };
}

/** A failed attempt; the order keeps waiting so the customer can pay again. No status change. */
export function recordPaymentFailure(order: Order, ctx: TransitionContext): OrderTransition {
  assertAwaitingPayment(order);
  return { order: touch(order, ctx, { payment: { ...order.payment, status: 'failed' } }), events: [] };
}

/** pending_payment → paid, announcing order.paid. The capture must be exactly the order total. */
export function markPaid(
  order: Order,
  payment: { readonly capturedAmount: number; readonly intentId?: string },
  ctx: TransitionContext,
): OrderTransition {
  assertTransition(order, 'paid');
  if (payment.capturedAmount !== order.totals.grandTotal) {
    throw new UnprocessableError(
      `Captured ${payment.capturedAmount} but the order total is ${order.totals.grandTotal}.`,
      'payment-amount-mismatch',
    );
  }
  const intentId = payment.intentId ?? order.payment.intentId;
  const { paymentOperation: _claim, ...unclaimed } = order;
  const after = moveTo(unclaimed, 'paid', ctx, {
    payment: {
      ...order.payment,
      ...(intentId !== undefined ? { intentId } : {}),
      status: 'captured',
      authorizedAmount: Math.max(order.payment.authorizedAmount, payment.capturedAmount),
      capturedAmount: payment.capturedAmount,
    },
  });
  return { order: after, events: [orderPaid(after)] };
}

function assertAwaitingPayment(order: Order): void {
  if (order.status !== 'pending_payment') {
    throw new UnprocessableError(
      `Order ${order.id} is ${order.status}; it no longer takes payments.`,
      'payment-not-pending',
    );
  }
}

/**
 * The capture's claim on the order: set while the order awaits payment and nothing holds it, written at the
 * version read (the condition), so that a cancellation written first makes the claim's write fail (and the
 * capture sees the cancelled order and voids), and a claim written first makes the cancellation's write
 * fail (and it waits for the capture's outcome). Claiming again (a redelivered payment.authorized resuming
 * its own capture) changes nothing; an order not awaiting payment is answered as it is.
 */
export function claimCapture(order: Order, ctx: TransitionContext): OrderTransition {
  if (order.status !== 'pending_payment' || order.paymentOperation !== undefined) return unchanged(order);
  return {
    order: touch(order, ctx, { paymentOperation: { kind: 'capture', startedAt: ctx.at.toISOString() } }),
    events: [],
  };
}

/** Frees the order after a capture the payment service refused; the order still awaits payment. */
export function releaseCapture(order: Order, ctx: TransitionContext): OrderTransition {
  if (order.paymentOperation === undefined) return unchanged(order);
  const { paymentOperation: _claim, ...unclaimed } = order;
  return { order: touch(unclaimed, ctx, {}), events: [] };
}
