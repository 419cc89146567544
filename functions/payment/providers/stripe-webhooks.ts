// Stripe's webhook events in our terms: the events the payment service acts on, read from the verified event's
// object, everything else `ignored`. Pure mapping (the signature is checked by the provider before).
import { ValidationError } from '@commerce/lambda-kit/errors';
import type Stripe from 'stripe';
import * as z from 'zod/mini';
import type { PaymentWebhookEvent, WebhookEvent } from '../domain/provider.ts';
import { failureCodeOf } from './stripe-intents.ts';

const metadata = z.nullish(z.record(z.string(), z.string()));

const intentObject = z.object({
  id: z.string().check(z.minLength(1)),
  amount_capturable: z.number().check(z.int(), z.nonnegative()),
  amount_received: z.number().check(z.int(), z.nonnegative()),
  currency: z.string().check(z.length(3)),
  metadata,
  last_payment_error: z.nullish(
    z.object({ code: z.nullish(z.string()), decline_code: z.nullish(z.string()) }),
  ),
});

const chargeObject = z.object({
  payment_intent: z.nullish(
    z.union([z.string().check(z.minLength(1)), z.object({ id: z.string().check(z.minLength(1)) })]),
  ),
  amount_refunded: z.number().check(z.int(), z.nonnegative()),
  currency: z.string().check(z.length(3)),
  metadata,
});

function unreadable(type: string): ValidationError {
  return new ValidationError(
    [{ in: 'body', pointer: '/data/object', detail: `Not a valid object for ${type}.` }],
    'The webhook body is not a Stripe event this service can read.',
  );
}

/**
 * Stripe's event in our terms:
 * - payment_intent.amount_capturable_updated → payment.authorized (amount: what can be captured);
 * - payment_intent.succeeded → payment.captured (amount: amount_received);
 * - payment_intent.payment_failed → payment.failed (failureCode: decline code, else error code);
 * - payment_intent.canceled → payment.voided (we voided it, or Stripe let an uncaptured one expire);
 * - charge.refunded → payment.refunded (amount: amount_refunded, the charge's cumulative total);
 * - everything else → ignored.
 */
export function webhookEventFromStripe(
  event: Pick<Stripe.Event, 'id' | 'type' | 'created' | 'data'>,
): WebhookEvent {
  const occurredAt = new Date(event.created * 1000).toISOString();
  const object: unknown = event.data.object;
  const ignored: WebhookEvent = { id: event.id, type: 'ignored', providerType: event.type };
  const fromIntent = (
    type: 'payment.authorized' | 'payment.captured' | 'payment.failed' | 'payment.voided',
  ): PaymentWebhookEvent => {
    const parsed = intentObject.safeParse(object);
    if (!parsed.success) throw unreadable(event.type);
    const intent = parsed.data;
    const paymentId = intent.metadata?.paymentId;
    const base = {
      id: event.id,
      type,
      providerRef: intent.id,
      ...(paymentId === undefined ? {} : { paymentId }),
      occurredAt,
    };
    const currency = intent.currency.toUpperCase();
    switch (type) {
      case 'payment.authorized':
        return { ...base, amount: intent.amount_capturable, currency };
      case 'payment.captured':
        return { ...base, amount: intent.amount_received, currency };
      case 'payment.failed':
        return { ...base, failureCode: failureCodeOf(intent.last_payment_error) };
      case 'payment.voided':
        return base;
    }
  };
  switch (event.type) {
    case 'payment_intent.amount_capturable_updated': {
      const authorized = fromIntent('payment.authorized');
      // The capturable amount also drops to zero (after a capture or cancel); only a hold is an authorization.
      return authorized.amount === 0 ? ignored : authorized;
    }
    case 'payment_intent.succeeded':
      return fromIntent('payment.captured');
    case 'payment_intent.payment_failed':
      return fromIntent('payment.failed');
    case 'payment_intent.canceled':
      return fromIntent('payment.voided');
    case 'charge.refunded': {
      const parsed = chargeObject.safeParse(object);
      if (!parsed.success) throw unreadable(event.type);
      const charge = parsed.data;
      const intent = charge.payment_intent;
      if (intent === null || intent === undefined) return ignored; // a charge made without a PaymentIntent
      const paymentId = charge.metadata?.paymentId;
      return {
        id: event.id,
        type: 'payment.refunded',
        providerRef: typeof intent === 'string' ? intent : intent.id,
        ...(paymentId === undefined ? {} : { paymentId }),
        amount: charge.amount_refunded,
        currency: charge.currency.toUpperCase(),
        occurredAt,
      };
    }
    default:
      return ignored;
  }
}
