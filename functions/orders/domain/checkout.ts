// What checkout keeps per Idempotency-Key and what it comes to: the outcome is a fact about the order and
// its payment, never an HTTP answer (the HTTP layer maps it, http/checkout-answer.ts), so the first answer
// and every replay are made the same way from the same stored outcome. And the payment step's rules: what
// an authorization's answer means for the order. Pure.
import {
  isInternalError,
  type InternalProblem,
  type InternalResult,
  type ReplyOf,
  type paymentAuthorize,
} from '@commerce/contracts';
import type { IdempotencyRecord } from './idempotency.ts';
import {
  orderPaymentId,
  unchanged,
  type Order,
  type OrderTransition,
  type TransitionContext,
} from './order.ts';
import type { CancelReason } from './order-events.ts';
import { recordAuthorization, recordPaymentIntent } from './order-payment.ts';

type AuthorizedPayment = ReplyOf<typeof paymentAuthorize>;

/** A key as the caller's: guests' keys are scoped to their cart, customers' to them. */
export interface CheckoutKey {
  /** `cart:<id>` or `customer:<sub>`. */
  readonly scope: string;
  readonly idempotencyKey: string;
}

/** How a checkout ended, replayed to every retry with the same key and body. */
export type CheckoutOutcome =
  /** The order is placed and the payment authorized (or otherwise accepted without the customer). */
  | {
      readonly kind: 'placed';
      readonly order: Order;
      readonly paymentStatus: AuthorizedPayment['payment']['status'];
    }
  /** The order is placed and waits for the customer to act (3-D Secure); the gateway's webhook finishes it. */
  | {
      readonly kind: 'requires-action';
      readonly order: Order;
      readonly paymentStatus: AuthorizedPayment['payment']['status'];
      readonly nextAction: NonNullable<AuthorizedPayment['nextAction']>;
    }
  /** A resumed checkout found the order's payment settled already: the order as it stands. */
  | { readonly kind: 'already-settled'; readonly order: Order }
  /** The gateway declined; the order is cancelled (payment_failed). */
  | {
      readonly kind: 'declined';
      readonly orderId: string;
      readonly failureCode: string;
      readonly correlationId: string;
    }
  /** The payment service refused the authorization; the order is cancelled (payment_failed). */
  | {
      readonly kind: 'payment-refused';
      readonly orderId: string;
      readonly refusal: Pick<InternalProblem, 'type' | 'title' | 'detail'>;
      readonly correlationId: string;
    }
  /** The gateway did not answer; the order is cancelled (payment_timeout) and nothing is charged. */
  | { readonly kind: 'gateway-unavailable'; readonly orderId: string; readonly correlationId: string }
  /**
   * Another checkout of the cart holds it (its order is live, or it is still running), or placed its order
   * from it already (`checkedOut`): nothing was done; `orderId` names that checkout's order.
   */
  | {
      readonly kind: 'cart-locked';
      readonly orderId: string;
      readonly checkedOut: boolean;
      readonly correlationId: string;
    }
  /**
   * A resumed checkout found its stock hold gone (expired or released): no payment is authorized for it;
   * the order, if it was placed, is cancelled (reservation_expired). `orderId` null when none was placed.
   */
  | { readonly kind: 'reservation-expired'; readonly orderId: string | null; readonly correlationId: string }
  /** Inventory could not hold the stock (its refusal, e.g. 409 insufficient-stock with shortages). */
  | {
      readonly kind: 'reservation-refused';
      readonly refusal: InternalProblem;
      readonly correlationId: string;
    }
  /**
   * Promotions could not reserve a promotion the cart was priced with (409 promotion-limit-reached: it ran
   * out since); nothing is held, the stock is given back. The cart, read again, says why it no longer applies.
   */
  | {
      readonly kind: 'promotion-refused';
      readonly refusal: InternalProblem;
      readonly correlationId: string;
    };

/** An Idempotency-Key of checkout: the record, and the order id chosen when the key was first claimed. */
export interface CheckoutRecord extends IdempotencyRecord<CheckoutOutcome> {
  readonly orderId: string;
}

// ---------------------------------------------------------------------------------------------------------
// The payment step's rules

/** What the payment service made of an authorization: its reply, its refusal, or no answer at all. */
export type AuthorizationAnswer = InternalResult<AuthorizedPayment> | { readonly unavailable: true };

/**
 * Whether the payment was accepted (authorized, or waiting for the customer), or why the checkout ends with
 * the order cancelled: the gateway declined or the payment service refused (payment_failed), or the gateway
 * did not answer or failed (payment_timeout; payment voids whatever it may hold).
 */
export function authorizationVerdict(
  answer: AuthorizationAnswer,
  orderId: string,
  correlationId: string,
):
  | { readonly accepted: AuthorizedPayment }
  | { readonly cancel: CancelReason; readonly outcome: CheckoutOutcome } {
  const unavailable = {
    cancel: 'payment_timeout',
    outcome: { kind: 'gateway-unavailable', orderId, correlationId },
  } as const;
  if ('unavailable' in answer) return unavailable;
  if (isInternalError(answer)) {
    // The payment service saying the gateway failed is the gateway not answering.
    if (answer.error.status >= 500) return unavailable;
    const { type, title, detail } = answer.error;
    return {
      cancel: 'payment_failed',
      outcome: { kind: 'payment-refused', orderId, refusal: { type, title, detail }, correlationId },
    };
  }
  if (answer.payment.status === 'failed') {
    const failureCode = answer.payment.failureCode ?? 'declined';
    return { cancel: 'payment_failed', outcome: { kind: 'declined', orderId, failureCode, correlationId } };
  }
  return { accepted: answer };
}

/**
 * The order with an accepted payment recorded: the gateway's reference while the customer acts, or the
 * authorization; nothing when the order moved on or has it already.
 */
export function recordAcceptedPayment(
  order: Order,
  { payment }: AuthorizedPayment,
  ctx: TransitionContext,
): OrderTransition {
  if (order.status !== 'pending_payment') return unchanged(order);
  if (payment.status === 'requires_action' && payment.providerRef !== undefined) {
    return recordPaymentIntent(order, payment.providerRef, ctx);
  }
  if (payment.status === 'authorized' && order.payment.status !== 'authorized') {
    return recordAuthorization(
      order,
      { intentId: payment.providerRef ?? orderPaymentId(order), amount: payment.authorizedAmount },
      ctx,
    );
  }
  return unchanged(order);
}

/** How a checkout with an accepted payment ends, for the order as written. */
export function acceptedOutcome(order: Order, { payment, nextAction }: AuthorizedPayment): CheckoutOutcome {
  return nextAction
    ? { kind: 'requires-action', order, paymentStatus: payment.status, nextAction }
    : { kind: 'placed', order, paymentStatus: payment.status };
}

/**
 * Whether a reservation inventory answered still holds the order's units at `now`: committed, or held and
 * not past its hold (a held one past it may be expired by the sweep at any moment: a resumed checkout must
 * not authorize a payment on it).
 */
export function reservationHolds(
  reservation: { readonly status: string; readonly expiresAt: string },
  now: Date,
): boolean {
  if (reservation.status === 'committed') return true;
  return reservation.status === 'held' && Date.parse(reservation.expiresAt) > now.getTime();
}
