// Stripe's PaymentIntents and Refunds in our terms: what an intent's status means for an authorization or a
// capture, what a refund's status means. Pure mapping over the SDK's types; loaded with the Stripe provider.
import type Stripe from 'stripe';
import type { AuthorizeResult, CaptureResult, NextAction, RefundResult } from '../domain/provider.ts';

/** The fields of a PaymentIntent the mapping reads. */
export type IntentView = Pick<
  Stripe.PaymentIntent,
  | 'id'
  | 'status'
  | 'amount_capturable'
  | 'amount_received'
  | 'client_secret'
  | 'next_action'
  | 'last_payment_error'
>;

function nextActionOf(intent: IntentView): NextAction | undefined {
  const url = intent.next_action?.redirect_to_url?.url;
  if (url) return { type: 'redirect', url };
  if (intent.next_action && intent.client_secret)
    return { type: 'client_sdk', clientSecret: intent.client_secret };
  return undefined;
}

export function failureCodeOf(
  error: { decline_code?: string | null; code?: string | null } | null | undefined,
): string {
  return error?.decline_code ?? error?.code ?? 'payment_failed';
}

/**
 * What a PaymentIntent confirmed with manual capture means for us:
 * - requires_capture → authorized (amount_capturable is held);
 * - requires_action → requires_action with how to complete it; processing (rare for cards) also waits for a
 *   webhook, without anything for the customer to do;
 * - requires_payment_method → declined: the payment method failed, with Stripe's decline code if it gave one;
 * - succeeded → authorized: money already taken cannot be reported as anything less (it cannot happen with
 *   manual capture, but if it did, capture then finds it captured);
 * - anything else (canceled, requires_confirmation) → failed.
 */
export function authorizationFromIntent(intent: IntentView): AuthorizeResult {
  const providerRef = intent.id;
  switch (intent.status) {
    case 'requires_capture':
      return { status: 'authorized', providerRef, authorizedAmount: intent.amount_capturable };
    case 'succeeded':
      return { status: 'authorized', providerRef, authorizedAmount: intent.amount_received };
    case 'requires_action': {
      const nextAction = nextActionOf(intent);
      return nextAction
        ? { status: 'requires_action', providerRef, nextAction }
        : { status: 'requires_action', providerRef };
    }
    case 'processing':
      return { status: 'requires_action', providerRef };
    case 'requires_payment_method':
      return { status: 'declined', providerRef, declineCode: failureCodeOf(intent.last_payment_error) };
    default:
      return { status: 'failed', providerRef, declineCode: `intent_${intent.status}` };
  }
}

/** succeeded → captured, processing → pending; anything else did not capture. */
export function captureFromIntent(intent: IntentView): CaptureResult {
  switch (intent.status) {
    case 'succeeded':
      return { status: 'captured', capturedAmount: intent.amount_received };
    case 'processing':
      return { status: 'pending', capturedAmount: 0 };
    default:
      return { status: 'failed', capturedAmount: intent.amount_received };
  }
}

export function refundFromStripe(refund: Pick<Stripe.Refund, 'id' | 'amount' | 'status'>): RefundResult {
  const status =
    refund.status === 'succeeded'
      ? 'succeeded'
      : refund.status === 'pending' || refund.status === 'requires_action'
        ? 'pending'
        : 'failed';
  return { status, refundedAmount: refund.amount, providerRefundRef: refund.id };
}
