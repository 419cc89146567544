// What checkout keeps per Idempotency-Key and what it comes to: the outcome is a fact about the order and
// its payment, never an HTTP answer (the HTTP layer maps it, http/checkout-answer.ts), so the first answer
// and every replay are made the same way from the same stored outcome. Pure.
import type { InternalProblem, ReplyOf, paymentAuthorize } from '@commerce/contracts';
import type { IdempotencyRecord } from './idempotency.ts';
import type { Order } from './order.ts';

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
  /** Inventory could not hold the stock (its refusal, e.g. 409 insufficient-stock with shortages). */
  | {
      readonly kind: 'reservation-refused';
      readonly refusal: InternalProblem;
      readonly correlationId: string;
    };

/** An Idempotency-Key of checkout: the record, and the order id chosen when the key was first claimed. */
export interface CheckoutRecord extends IdempotencyRecord<CheckoutOutcome> {
  readonly orderId: string;
}
