// Giving money back: refunds accumulate up to what was captured, each recorded on the order before the
// gateway is asked (the intent), so a retry, a concurrent request or a lost result write never refunds twice
// and every refund is stored once. Pure.
import { ConflictError, DomainError, UnprocessableError, ValidationError } from '@commerce/lambda-kit/errors';
import {
  unchanged,
  type Order,
  type OrderPayment,
  type OrderRefund,
  type OrderTransition,
  type TransitionContext,
} from './order.ts';
import { orderRefunded } from './order-events.ts';
import { assertTransition, fulfilmentStage, moveTo, touch } from './order-state.ts';

/**
 * The id of the next refund of `order` at the payment service: tied to the order's version when the intent
 * is recorded, so two requests that both read that version name the same refund (and only one intent write
 * succeeds).
 */
export const refundIdOf = (order: Order): string => `rf_${order.id.slice(4)}_${order.version}`;

/** The refund asked for and not yet settled, if any (there is at most one). */
export const openRefund = (order: Order): OrderRefund | undefined =>
  order.refunds?.find((r) => r.status === 'requested');

/**
 * Records a refund of `amount` minor units as done (with the id `refundId`, by default `refundIdOf(order)`).
 * Refunds accumulate and their sum never exceeds what was captured (422 `refund-exceeds-captured`). When
 * the sum reaches the captured amount the order becomes `refunded` (terminal), otherwise
 * `partially_refunded`. On a cancelled order the refund is recorded in the payment only: cancelled stays the
 * status, since it already says why the money goes back.
 */
export function refund(
  order: Order,
  amount: number,
  ctx: TransitionContext,
  refundId: string = refundIdOf(order),
): OrderTransition {
  assertRefundAmount(order, amount);
  const { capturedAmount } = order.payment;
  const refundedAmount = order.payment.refundedAmount + amount;
  const full = refundedAmount === capturedAmount;
  const cancelled = order.status === 'cancelled';
  const payment: OrderPayment = {
    ...order.payment,
    refundedAmount,
    status: full ? 'refunded' : 'partially_refunded',
  };
  const at = ctx.at.toISOString();
  const known = order.refunds?.find((r) => r.id === refundId);
  const settled: OrderRefund = {
    id: refundId,
    amount,
    status: 'succeeded',
    requestedAt: known?.requestedAt ?? at,
    actor: known?.actor ?? ctx.actor ?? 'system',
    settledAt: at,
  };
  const refunds = known
    ? (order.refunds ?? []).map((r) => (r.id === refundId ? settled : r))
    : [...(order.refunds ?? []), settled];
  const after = cancelled
    ? touch(order, ctx, { payment, refunds })
    : moveTo(order, full ? 'refunded' : 'partially_refunded', ctx, { payment, refunds });
  const stage = fulfilmentStage(order);
  return {
    order: after,
    events: [
      orderRefunded(after, {
        refundId,
        amount,
        refundedAmount,
        capturedAmount,
        full,
        goodsShipped: !cancelled && (stage === 'shipped' || stage === 'delivered'),
      }),
    ],
  };
}

/**
 * Records the intent to refund `amount` (status `requested`, id `refundId`: `refundIdOf` the order as the
 * request first read it) before any money moves; no status change, nothing announced. A request whose
 * refund is recorded already (another that read the same version), or that meets an open refund of the
 * same amount (a retry, a concurrent request), changes nothing: it carries that refund on. Refused like
 * `refund` would refuse the amount, and with 409 `refund-in-progress` while a refund of another amount is
 * open (one at a time, so the amounts can never add up past the capture).
 */
export function requestRefund(
  order: Order,
  amount: number,
  ctx: TransitionContext,
  refundId: string = refundIdOf(order),
): OrderTransition {
  const same = order.refunds?.find((r) => r.id === refundId);
  if (same) {
    // Another request that read the same order version asked first: it is this refund.
    if (same.amount !== amount) {
      throw new ConflictError(
        `Refund ${refundId} was asked for with another amount (${same.amount}).`,
        'refund-in-progress',
      );
    }
    return unchanged(order);
  }
  const open = openRefund(order);
  if (open?.amount === amount) return unchanged(order); // a retry or a concurrent request: carry it on
  if (open) {
    throw new ConflictError(
      `Refund ${open.id} of ${open.amount} on order ${order.id} is still being processed; try again shortly.`,
      'refund-in-progress',
    );
  }
  refund(order, amount, ctx); // validates only: the same rules as recording it
  const intent: OrderRefund = {
    id: refundId,
    amount,
    status: 'requested',
    requestedAt: ctx.at.toISOString(),
    actor: ctx.actor ?? 'system',
  };
  return { order: touch(order, ctx, { refunds: [...(order.refunds ?? []), intent] }), events: [] };
}

/**
 * A refund's success (the gateway's answer, or payment.refunded): the intent becomes `succeeded` and the
 * money is recorded (`refund`), once. A refund already recorded changes nothing; one the order never asked
 * for (the payment service refunding a cancelled order) is recorded as it is reported.
 */
export function completeRefund(
  order: Order,
  settled: { readonly refundId: string; readonly amount: number },
  ctx: TransitionContext,
): OrderTransition {
  const known = order.refunds?.find((r) => r.id === settled.refundId);
  if (known?.status === 'succeeded') return unchanged(order);
  return refund(order, settled.amount, { ...ctx, actor: known?.actor ?? ctx.actor }, settled.refundId);
}

/** The payment service refused the refund: the intent becomes `failed` (with its problem type). */
export function failRefund(
  order: Order,
  refundId: string,
  failure: string,
  ctx: TransitionContext,
): OrderTransition {
  const known = order.refunds?.find((r) => r.id === refundId);
  if (known?.status !== 'requested') return unchanged(order);
  const failed: OrderRefund = { ...known, status: 'failed', failure, settledAt: ctx.at.toISOString() };
  return {
    order: touch(order, ctx, { refunds: (order.refunds ?? []).map((r) => (r.id === refundId ? failed : r)) }),
    events: [],
  };
}

function assertRefundAmount(order: Order, amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new ValidationError([
      { in: 'body', pointer: '/amount', detail: 'Must be a positive integer (minor units).' },
    ]);
  }
  const refundedAmount = order.payment.refundedAmount + amount;
  if (order.status !== 'cancelled') {
    assertTransition(
      order,
      refundedAmount === order.payment.capturedAmount ? 'refunded' : 'partially_refunded',
    );
  }
  if (refundedAmount > order.payment.capturedAmount) {
    throw new UnprocessableError(
      `Refunding ${amount} would bring refunds to ${refundedAmount}, above the ${order.payment.capturedAmount} captured.`,
      'refund-exceeds-captured',
    );
  }
}

/** A staff refund above the stage's approval limit, asked by someone who is not an admin (403). */
export class RefundApprovalError extends DomainError {
  readonly status = 403;
  readonly problemType = 'refund-needs-admin';
  readonly title = 'Refund needs an admin';
}

/**
 * Staff may refund up to `limits[currency]` minor units per refund; above it (or in a currency without a
 * limit) only an admin may. Each refund is judged on its own amount.
 */
export function assertRefundApproval(
  order: Order,
  amount: number,
  requester: { readonly admin: boolean },
  limits: Readonly<Record<string, number>>,
): void {
  if (requester.admin) return;
  const limit = limits[order.currency];
  if (limit === undefined || amount > limit) {
    throw new RefundApprovalError(
      limit === undefined
        ? `Refunds in ${order.currency} need an admin.`
        : `Refunds above ${limit} (minor units of ${order.currency}) need an admin; this one is ${amount}.`,
    );
  }
}
