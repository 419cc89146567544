// What a cancelled order asks of its payment (order.cancelled): refund what the order says is due, void an
// authorization still open, or nothing. Pure: the consumer reads the payment and carries the step out.
import { createHash } from 'node:crypto';
import type { Payment } from './payment.ts';

/** The part of order.cancelled this decision reads. */
export interface OrderCancellation {
  readonly orderId: string;
  /** Null when no payment was ever asked for. */
  readonly paymentId: string | null;
  /** Captured and not yet refunded, as the order sees it (0: a void, or nothing was paid). */
  readonly refundDue: number;
}

export type CancellationStep =
  | {
      readonly kind: 'refund';
      readonly paymentId: string;
      readonly refundId: string;
      readonly amount: number;
    }
  | { readonly kind: 'void'; readonly paymentId: string }
  | { readonly kind: 'nothing'; readonly why: string }
  /** The payment and the order disagree; no retry can settle that, a person must. */
  | { readonly kind: 'operator'; readonly why: string };

const REFUND_ID = /^[A-Za-z0-9._:-]{1,121}$/;

/**
 * The refund id of an order's cancellation, the same on every delivery, so that a retried or repeated
 * order.cancelled never refunds twice (the refund id is the gateway's idempotency key too). An order id
 * that does not fit the refund id alphabet gets a digest of it instead.
 */
export function cancellationRefundId(orderId: string): string {
  return REFUND_ID.test(orderId)
    ? `${orderId}-cancel`
    : `cancel-${createHash('sha256').update(orderId).digest('hex').slice(0, 40)}`;
}

export function cancellationStep(
  order: OrderCancellation,
  payment: Pick<Payment, 'orderId' | 'status' | 'refunds'> | undefined,
): CancellationStep {
  if (order.paymentId === null) return { kind: 'nothing', why: 'no payment was asked for' };
  if (payment === undefined) return { kind: 'nothing', why: 'the payment does not exist' };
  if (payment.orderId !== order.orderId) {
    return { kind: 'operator', why: `payment ${order.paymentId} belongs to order ${payment.orderId}` };
  }
  if (order.refundDue > 0) {
    const refundId = cancellationRefundId(order.orderId);
    if (payment.refunds.some((r) => r.id === refundId)) {
      return { kind: 'nothing', why: 'the cancellation was refunded before' };
    }
    // A capture still settling (pending) or a payment that took no money cannot be refunded: the payment
    // service refuses, the message is retried and ends in the DLQ with its alarm.
    return { kind: 'refund', paymentId: order.paymentId, refundId, amount: order.refundDue };
  }
  switch (payment.status) {
    case 'authorized':
    case 'requires_action':
      return { kind: 'void', paymentId: order.paymentId };
    case 'voided':
    case 'failed':
    case 'refunded':
      return { kind: 'nothing', why: `the payment is ${payment.status}` };
    case 'pending':
      // The gateway never answered (the checkout timed out). Waiting would not help; should it still
      // authorize, payment.authorized reaches orders, which voids an authorization of a cancelled order.
      return { kind: 'nothing', why: 'the gateway never answered; a late authorization is voided by orders' };
    case 'captured':
    case 'partially_refunded':
      return {
        kind: 'operator',
        why: `the payment is ${payment.status} but the order says nothing is due`,
      };
  }
}
