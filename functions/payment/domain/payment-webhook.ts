// How a gateway's webhook moves a payment: each event id applied at most once, in whatever order the events
// arrive. A webhook may skip states (a capture reported before the authorization) but never moves a payment
// back; one that needs an earlier event first is `deferred`. Pure; no AWS.
import { UnprocessableError } from '@commerce/lambda-kit/errors';
import {
  canTransition,
  touch,
  withRefundedTotal,
  type Payment,
  type PaymentTransition,
  type TransitionContext,
} from './payment.ts';
import { paymentAuthorized, paymentCaptured, paymentFailed, paymentVoided } from './payment-events.ts';
import type { PaymentWebhookEvent } from './provider.ts';

/**
 * How many applied webhook event ids a payment remembers. A payment sees a handful of events; gateways
 * redeliver for days but the same few ids, so the newest fifty are plenty.
 */
export const MAX_REMEMBERED_EVENT_IDS = 50;

/**
 * - `applied`: the payment changed (write it and its events);
 * - `duplicate`: this event id was applied before;
 * - `stale`: the payment is already past what the event says (or the event is moot): nothing to do;
 * - `deferred`: the event needs one the gateway has not delivered yet (a refund before its capture). Answer
 *   the gateway with a retryable status so it delivers again later.
 */
export type WebhookOutcome = 'applied' | 'duplicate' | 'stale' | 'deferred';

export interface WebhookApplication extends PaymentTransition {
  readonly outcome: WebhookOutcome;
}

function remember(ids: readonly string[], id: string): readonly string[] {
  return [...ids, id].slice(-MAX_REMEMBERED_EVENT_IDS);
}

function notApplied(payment: Payment, outcome: 'duplicate' | 'stale' | 'deferred'): WebhookApplication {
  return { payment, events: [], changed: false, outcome };
}

/** Applies a verified webhook event to the payment it is about; an event id takes effect at most once. */
export function applyWebhookEvent(
  payment: Payment,
  event: PaymentWebhookEvent,
  ctx: TransitionContext,
): WebhookApplication {
  if (payment.appliedEventIds.includes(event.id)) return notApplied(payment, 'duplicate');
  if (payment.providerRef !== undefined && payment.providerRef !== event.providerRef) {
    throw new UnprocessableError(
      `Webhook ${event.id} is about ${event.providerRef}, not payment ${payment.id}.`,
      'webhook-payment-mismatch',
    );
  }
  if (event.currency !== undefined && event.currency !== payment.currency) {
    throw new UnprocessableError(
      `Webhook ${event.id} is in ${event.currency}, payment ${payment.id} in ${payment.currency}.`,
      'currency-mismatch',
    );
  }
  const transition = webhookTransition(payment, event, ctx);
  if (transition === 'stale' || transition === 'deferred') return notApplied(payment, transition);
  return {
    payment: { ...transition.payment, appliedEventIds: remember(payment.appliedEventIds, event.id) },
    events: transition.events,
    changed: true,
    outcome: 'applied',
  };
}

function webhookTransition(
  payment: Payment,
  event: PaymentWebhookEvent,
  ctx: TransitionContext,
): Omit<PaymentTransition, 'changed'> | 'stale' | 'deferred' {
  const providerRef = { providerRef: event.providerRef };
  const amount = event.amount;
  switch (event.type) {
    case 'payment.authorized': {
      // An authorization of nothing holds nothing.
      if (!canTransition(payment.status, 'authorized') || amount === 0) return 'stale';
      const next = touch(payment, ctx, {
        ...providerRef,
        status: 'authorized',
        authorizedAmount: amount ?? payment.amount,
      });
      return {
        payment: next,
        events: [paymentAuthorized(next, next.authorizedAmount)],
      };
    }
    case 'payment.failed': {
      if (!canTransition(payment.status, 'failed')) return 'stale';
      const failureCode = event.failureCode ?? 'payment_failed';
      const next = touch(payment, ctx, { ...providerRef, status: 'failed', failureCode });
      return {
        payment: next,
        events: [paymentFailed(next, failureCode, true)],
      };
    }
    case 'payment.captured': {
      // A capture of nothing moved no money.
      if (!canTransition(payment.status, 'captured') || amount === 0) return 'stale';
      const capturedAmount =
        amount ?? (payment.authorizedAmount > 0 ? payment.authorizedAmount : payment.amount);
      const wasAuthorized = payment.status === 'authorized';
      // A capture is the gateway's word that the money moved: it also proves the authorization.
      const authorizedAmount = Math.max(payment.authorizedAmount, capturedAmount);
      const next = touch(payment, ctx, {
        ...providerRef,
        status: 'captured',
        authorizedAmount,
        capturedAmount,
      });
      return {
        payment: next,
        events: [
          ...(wasAuthorized ? [] : [paymentAuthorized(next, authorizedAmount)]),
          paymentCaptured(next, capturedAmount),
        ],
      };
    }
    case 'payment.voided': {
      if (!canTransition(payment.status, 'voided')) return 'stale';
      const next = touch(payment, ctx, { ...providerRef, status: 'voided' });
      return { payment: next, events: [paymentVoided(next)] };
    }
    case 'payment.refunded': {
      if (['pending', 'requires_action', 'authorized', 'failed'].includes(payment.status)) return 'deferred';
      if (payment.status === 'voided') return 'stale';
      const total = amount ?? payment.capturedAmount;
      if (total > payment.capturedAmount) {
        throw new UnprocessableError(
          `Webhook ${event.id} reports ${total} refunded of ${payment.capturedAmount} captured.`,
          'refund-exceeds-captured',
        );
      }
      // Our own refunds may already account for it (its webhook came after our record), or it may be one
      // made in the gateway's dashboard; a total no higher than ours tells us nothing new.
      if (total <= payment.refundedAmount) return 'stale';
      const gatewayRefundedAmount = Math.max(payment.gatewayRefundedAmount, total);
      return withRefundedTotal(payment, ctx, { refunds: payment.refunds, gatewayRefundedAmount });
    }
  }
}
