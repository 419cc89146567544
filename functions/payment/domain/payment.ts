// Payment rules: the life of one payment from authorization to refunds, the state machine, and the commands
// that record what our own gateway calls returned. The events each step announces are built in
// payment-events.ts; how a gateway's webhook applies (once, in whatever order it arrives) is in
// payment-webhook.ts. Pure; no AWS.
//
// Two sources move a payment: our own calls to the gateway (the `record*` commands, with what the gateway
// answered) and the gateway's webhooks (`applyWebhookEvent`). The gateway is the source of truth for money,
// and webhooks arrive late, twice or out of order, so:
// - an event id is applied at most once (`appliedEventIds`);
// - a webhook may skip states (a capture reported before the authorization) but never moves a payment back;
// - a webhook that needs an earlier one first is `deferred` (answer the gateway with a retryable status);
// - refunds are counted so that our refund and the gateway's report of it are never added twice (see
//   `refundedAmount`).
// The amounts always satisfy refundedAmount ≤ capturedAmount ≤ authorizedAmount.
import {
  ConflictError,
  UnprocessableError,
  ValidationError,
  type FieldError,
} from '@commerce/lambda-kit/errors';
import {
  paymentAuthorized,
  paymentCaptured,
  paymentFailed,
  paymentRefunded,
  paymentRequiresAction,
  paymentVoided,
  type PaymentEvent,
} from './payment-events.ts';
import type { AuthorizeResult } from './provider.ts';

export const PAYMENT_STATUSES = [
  'pending',
  'requires_action',
  'authorized',
  'captured',
  'partially_refunded',
  'refunded',
  'failed',
  'voided',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** One refund we asked the gateway for. */
export interface PaymentRefund {
  /** Our refund id, also the gateway's idempotency key. */
  readonly id: string;
  readonly amount: number;
  readonly providerRefundRef?: string;
  /** ISO 8601. */
  readonly at: string;
}

export interface Payment {
  readonly id: string;
  readonly orderId: string;
  /** The provider's name (`stripe`, `sandbox`). */
  readonly provider: string;
  /** The gateway's id of the payment, once it answered (or a webhook told us). */
  readonly providerRef?: string;
  /** What the order asked for, integer minor units. */
  readonly amount: number;
  /** ISO 4217, upper case. */
  readonly currency: string;
  readonly status: PaymentStatus;
  readonly authorizedAmount: number;
  readonly capturedAmount: number;
  /**
   * Refunded so far: the larger of our own refunds (`refunds`) and the cumulative total the gateway last
   * reported (`gatewayRefundedAmount`). Both are lower bounds of the truth, so taking the larger never counts
   * a refund twice, whichever of our record and the gateway's webhook comes first. When refunds come from
   * both sides (ours and some made in the gateway's dashboard) it lags until the webhook of the latest refund
   * arrives, whose cumulative total is exact; the gateway itself refuses a refund beyond what is left.
   */
  readonly refundedAmount: number;
  readonly refunds: readonly PaymentRefund[];
  /** The highest cumulative refunded amount a webhook reported (refunds made in the gateway's dashboard too). */
  readonly gatewayRefundedAmount: number;
  /** Decline or error code of the last failure, while the payment is `failed`. */
  readonly failureCode?: string;
  /** Webhook event ids already applied, oldest first, at most MAX_REMEMBERED_EVENT_IDS (payment-webhook.ts). */
  readonly appliedEventIds: readonly string[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The payment after a step and what to announce in the same write (the outbox). */
export interface PaymentTransition {
  readonly payment: Payment;
  readonly events: readonly PaymentEvent[];
  /** False when the step was a repeat or told us nothing new: nothing to write or announce. */
  readonly changed: boolean;
}

export interface TransitionContext {
  readonly at: Date;
}

/** A move the state machine does not allow. */
export class IllegalPaymentTransitionError extends UnprocessableError {
  readonly from: PaymentStatus;
  readonly to: PaymentStatus;
  constructor(paymentId: string, from: PaymentStatus, to: PaymentStatus, why = '') {
    super(`Payment ${paymentId} cannot go from ${from} to ${to}${why}.`, 'illegal-transition');
    this.from = from;
    this.to = to;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Amounts and creation

/** Field errors for an amount and currency (positive integer minor units, ISO 4217 upper case). */
export function amountErrors(amount: number, currency: string, pointer = ''): FieldError[] {
  const errors: FieldError[] = [];
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    errors.push({
      in: 'body',
      pointer: `${pointer}/amount`,
      detail: 'Must be a positive integer (minor units).',
    });
  }
  if (!/^[A-Z]{3}$/.test(currency)) {
    errors.push({
      in: 'body',
      pointer: `${pointer}/currency`,
      detail: 'Must be an ISO 4217 code such as EUR.',
    });
  }
  return errors;
}

export interface NewPayment {
  readonly id: string;
  readonly orderId: string;
  readonly provider: string;
  readonly amount: number;
  readonly currency: string;
}

/** A payment before the gateway has been asked; announces nothing yet. */
export function newPayment(input: NewPayment, ctx: TransitionContext): Payment {
  const errors = amountErrors(input.amount, input.currency);
  if (errors.length > 0) throw new ValidationError(errors);
  const now = ctx.at.toISOString();
  return {
    id: input.id,
    orderId: input.orderId,
    provider: input.provider,
    amount: input.amount,
    currency: input.currency,
    status: 'pending',
    authorizedAmount: 0,
    capturedAmount: 0,
    refundedAmount: 0,
    refunds: [],
    gatewayRefundedAmount: 0,
    appliedEventIds: [],
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The state machine

/**
 * Every move, whoever makes it. Commands start from fewer statuses than webhooks (see each `record*`):
 * - pending → requires_action | authorized | failed: the gateway's answer to authorize;
 * - pending | requires_action → captured, and pending → voided: only a webhook that overtook the earlier ones;
 * - requires_action → authorized | failed: the customer finished (or failed) 3-D Secure, told by webhook;
 * - requires_action | authorized → voided: we released the hold, or the gateway let it expire;
 * - authorized → captured → partially_refunded → refunded, refunds accumulating up to what was captured;
 * - failed → authorized | captured: only by webhook, because a gateway may still take the money after a failed
 *   attempt (Stripe lets the customer retry the same PaymentIntent with another card), and money that moved
 *   is never ignored;
 * - nothing leaves refunded or voided.
 */
const TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  pending: ['requires_action', 'authorized', 'captured', 'failed', 'voided'],
  requires_action: ['authorized', 'captured', 'failed', 'voided'],
  authorized: ['captured', 'voided'],
  captured: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  refunded: [],
  failed: ['authorized', 'captured'],
  voided: [],
};

export function allowedTransitions(status: PaymentStatus): readonly PaymentStatus[] {
  return TRANSITIONS[status];
}

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The payment with `changes`, one version up and stamped with the time. */
export function touch(payment: Payment, ctx: TransitionContext, changes: Partial<Payment>): Payment {
  const next: Payment = {
    ...payment,
    ...changes,
    version: payment.version + 1,
    updatedAt: ctx.at.toISOString(),
  };
  if (next.status !== 'failed' && next.failureCode !== undefined) {
    const { failureCode: _, ...rest } = next;
    return rest;
  }
  return next;
}

export function unchanged(payment: Payment): PaymentTransition {
  return { payment, events: [], changed: false };
}

function assertMove(payment: Payment, from: readonly PaymentStatus[], to: PaymentStatus, why = ''): void {
  if (!from.includes(payment.status) || !canTransition(payment.status, to)) {
    throw new IllegalPaymentTransitionError(payment.id, payment.status, to, why);
  }
}

/** partially_refunded or refunded, by amount. */
function refundStatus(refundedAmount: number, capturedAmount: number): PaymentStatus {
  return refundedAmount >= capturedAmount ? 'refunded' : 'partially_refunded';
}

function sumOfRefunds(refunds: readonly PaymentRefund[]): number {
  return refunds.reduce((sum, refund) => sum + refund.amount, 0);
}

/** The payment with a new refunded total and its status, and the event announcing the increase. */
export function withRefundedTotal(
  payment: Payment,
  ctx: TransitionContext,
  changes: Pick<Payment, 'refunds' | 'gatewayRefundedAmount'>,
  refundId?: string,
): PaymentTransition {
  const refundedAmount = Math.max(sumOfRefunds(changes.refunds), changes.gatewayRefundedAmount);
  const increase = refundedAmount - payment.refundedAmount;
  const status = increase > 0 ? refundStatus(refundedAmount, payment.capturedAmount) : payment.status;
  const next = touch(payment, ctx, { ...changes, refundedAmount, status });
  if (increase <= 0) return { payment: next, events: [], changed: true };
  return { payment: next, events: [paymentRefunded(next, increase, refundId)], changed: true };
}

// ---------------------------------------------------------------------------------------------------------
// Commands: what our own gateway calls returned

/**
 * Records the gateway's answer to authorize: pending → authorized, requires_action or failed. Recording the
 * same attempt again (same providerRef, e.g. after a webhook already moved the payment on) changes nothing.
 */
export function recordAuthorization(
  payment: Payment,
  result: AuthorizeResult,
  ctx: TransitionContext,
): PaymentTransition {
  if (payment.status !== 'pending') {
    if (result.providerRef !== undefined && result.providerRef === payment.providerRef)
      return unchanged(payment);
    const to = result.status === 'declined' ? 'failed' : result.status;
    throw new IllegalPaymentTransitionError(payment.id, payment.status, to);
  }
  const providerRef = result.providerRef === undefined ? {} : { providerRef: result.providerRef };
  switch (result.status) {
    case 'authorized': {
      if (!Number.isSafeInteger(result.authorizedAmount) || result.authorizedAmount < payment.amount) {
        throw new UnprocessableError(
          `The gateway authorized ${result.authorizedAmount} of ${payment.amount}.`,
          'payment-amount-mismatch',
        );
      }
      const next = touch(payment, ctx, {
        ...providerRef,
        status: 'authorized',
        authorizedAmount: result.authorizedAmount,
      });
      return {
        payment: next,
        events: [paymentAuthorized(next, next.authorizedAmount)],
        changed: true,
      };
    }
    case 'requires_action': {
      const next = touch(payment, ctx, { ...providerRef, status: 'requires_action' });
      return { payment: next, events: [paymentRequiresAction(next)], changed: true };
    }
    case 'declined':
    case 'failed': {
      const next = touch(payment, ctx, { ...providerRef, status: 'failed', failureCode: result.declineCode });
      return {
        payment: next,
        events: [paymentFailed(next, result.declineCode, result.status === 'declined')],
        changed: true,
      };
    }
  }
}

/** The amount a capture takes (all that is authorized when omitted); refuses a capture that is not allowed. */
export function assertCapturable(payment: Payment, amount?: number): number {
  assertMove(payment, ['authorized'], 'captured');
  const take = amount ?? payment.authorizedAmount;
  if (!Number.isSafeInteger(take) || take <= 0 || take > payment.authorizedAmount) {
    throw new UnprocessableError(
      `Payment ${payment.id} can capture between 1 and ${payment.authorizedAmount}, not ${take}.`,
      'capture-amount-invalid',
    );
  }
  return take;
}

/** authorized → captured with what the gateway captured. The same capture recorded again changes nothing. */
export function recordCapture(
  payment: Payment,
  capturedAmount: number,
  ctx: TransitionContext,
): PaymentTransition {
  if (
    payment.capturedAmount > 0 &&
    payment.capturedAmount === capturedAmount &&
    payment.status !== 'authorized'
  ) {
    return unchanged(payment);
  }
  assertCapturable(payment, capturedAmount);
  const next = touch(payment, ctx, { status: 'captured', capturedAmount });
  return {
    payment: next,
    events: [paymentCaptured(next, capturedAmount)],
    changed: true,
  };
}

/** Refuses a void that is not allowed (only an authorization not yet captured can be released). */
export function assertVoidable(payment: Payment): void {
  assertMove(payment, ['requires_action', 'authorized'], 'voided');
}

/** requires_action | authorized → voided. Voiding twice changes nothing. */
export function recordVoid(payment: Payment, ctx: TransitionContext): PaymentTransition {
  if (payment.status === 'voided') return unchanged(payment);
  assertVoidable(payment);
  const next = touch(payment, ctx, { status: 'voided' });
  return { payment: next, events: [paymentVoided(next)], changed: true };
}

/** What can still be refunded. */
export function refundableAmount(payment: Payment): number {
  return ['captured', 'partially_refunded'].includes(payment.status)
    ? payment.capturedAmount - payment.refundedAmount
    : 0;
}

/** Refuses a refund that is not allowed or would take back more than was captured and not yet refunded. */
export function assertRefundable(payment: Payment, amount: number): void {
  assertMove(
    payment,
    ['captured', 'partially_refunded'],
    'refunded',
    ' (only a captured payment is refunded)',
  );
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new UnprocessableError('A refund must be a positive integer amount.', 'refund-amount-invalid');
  }
  const left = refundableAmount(payment);
  if (amount > left) {
    throw new UnprocessableError(
      `Payment ${payment.id} has ${left} left to refund, less than ${amount}.`,
      'refund-exceeds-captured',
    );
  }
}

/**
 * Records a refund the gateway accepted. Idempotent on the refund id: the same refund again changes
 * nothing, the same id with another amount is a conflict. Announces `payment.refunded` with what the total
 * rose by, which is nothing when the gateway's webhook had already reported this refund.
 */
export function recordRefund(
  payment: Payment,
  refund: { readonly id: string; readonly amount: number; readonly providerRefundRef?: string },
  ctx: TransitionContext,
): PaymentTransition {
  const known = payment.refunds.find((r) => r.id === refund.id);
  if (known !== undefined) {
    if (known.amount === refund.amount) return unchanged(payment);
    throw new ConflictError(
      `Refund ${refund.id} was recorded for ${known.amount}, not ${refund.amount}.`,
      'refund-id-reused',
    );
  }
  assertRefundable(payment, refund.amount);
  const refunds = [...payment.refunds, { ...refund, at: ctx.at.toISOString() }];
  if (sumOfRefunds(refunds) > payment.capturedAmount) {
    // Our refunds alone exceed the capture: only possible if the gateway's total already covered some of
    // them and we then refunded past it, which the gateway would have refused.
    throw new UnprocessableError(
      `Refunds of payment ${payment.id} would exceed the ${payment.capturedAmount} captured.`,
      'refund-exceeds-captured',
    );
  }
  return withRefundedTotal(
    payment,
    ctx,
    { refunds, gatewayRefundedAmount: payment.gatewayRefundedAmount },
    refund.id,
  );
}
