// What the payment service and a gateway say to each other through the provider port (PaymentProvider in
// ports.ts): what authorize sends, what each call answers, the normalized webhook events. Adapters in
// ../providers/ (Stripe, sandbox) translate their wire format into these; the domain never sees it. Pure types.
//
// Card data never crosses this port: the client hands its card to the gateway's own library and sends us a
// token (a Stripe PaymentMethod id, a sandbox test token); results carry only ids and codes.

export interface AuthorizeInput {
  /** Our payment id; also the gateway's idempotency key, so a retried call never authorizes twice. */
  readonly paymentId: string;
  /** Positive integer number of minor units of `currency`. */
  readonly amount: number;
  /** ISO 4217, upper case. */
  readonly currency: string;
  /** A token from the gateway's client library (`pm_…`, `tok_sandbox_…`); never a card number. */
  readonly paymentMethodToken: string;
  readonly customerEmail?: string;
  /** Where the customer's browser comes back after a redirect-based action (3-D Secure), if it can. */
  readonly returnUrl?: string;
  /** Plain strings shown next to the payment at the gateway (order id, number). No card data, no secrets. */
  readonly metadata: Readonly<Record<string, string>>;
}

/** What the customer must do before the gateway decides; the outcome then arrives by webhook. */
export type NextAction =
  /** Send the browser to `url` (a 3-D Secure page). */
  | { readonly type: 'redirect'; readonly url: string }
  /** Let the gateway's client library handle it with this secret (Stripe.js `handleNextAction`). */
  | { readonly type: 'client_sdk'; readonly clientSecret: string };

export type AuthorizeResult =
  | {
      readonly status: 'authorized';
      /** The gateway's id of this payment (a PaymentIntent id, `sbx_pi_…`); every later call takes it. */
      readonly providerRef: string;
      /** What the gateway holds and can capture. */
      readonly authorizedAmount: number;
    }
  | {
      readonly status: 'requires_action';
      readonly providerRef: string;
      /** Absent when nothing is asked of the customer and the gateway is still deciding. */
      readonly nextAction?: NextAction;
    }
  | {
      /** `declined`: the issuer or the gateway's risk checks said no. `failed`: it could not be processed. */
      readonly status: 'declined' | 'failed';
      /** Absent when the gateway refused before creating anything. */
      readonly providerRef?: string;
      /** The gateway's reason (`card_declined`, `insufficient_funds`, …); safe to show the customer. */
      readonly declineCode: string;
    };

export interface CaptureResult {
  /** `pending`: accepted but not final yet (a webhook confirms); `failed`: the gateway did not capture. */
  readonly status: 'captured' | 'pending' | 'failed';
  readonly capturedAmount: number;
}

export interface VoidResult {
  readonly status: 'voided' | 'failed';
}

export interface RefundResult {
  readonly status: 'succeeded' | 'pending' | 'failed';
  /** This refund's amount. */
  readonly refundedAmount: number;
  readonly providerRefundRef: string;
}

/** Normalized webhook event types; everything else a gateway sends is `ignored`. */
export type PaymentWebhookEventType =
  'payment.authorized' | 'payment.captured' | 'payment.failed' | 'payment.refunded' | 'payment.voided';

/** A verified webhook event about one payment. */
export interface PaymentWebhookEvent {
  /** The gateway's event id: apply each at most once. */
  readonly id: string;
  readonly type: PaymentWebhookEventType;
  readonly providerRef: string;
  /** Our payment id when the gateway echoes it (Stripe metadata), so an event that beats the authorize response still finds its payment. */
  readonly paymentId?: string;
  /**
   * Minor units: for `payment.authorized` what can be captured, for `payment.captured` the total captured,
   * for `payment.refunded` the total refunded so far (cumulative, not this refund), absent otherwise.
   */
  readonly amount?: number;
  /** ISO 4217, upper case, when `amount` is given. */
  readonly currency?: string;
  /** For `payment.failed`: the gateway's decline or error code. */
  readonly failureCode?: string;
  /** ISO 8601, when the gateway created the event. */
  readonly occurredAt: string;
}

/** A verified event that says nothing the payment service acts on (answer 200 and drop it). */
export interface IgnoredWebhookEvent {
  readonly id: string;
  readonly type: 'ignored';
  /** The gateway's own event type, for the log. */
  readonly providerType: string;
}

export type WebhookEvent = PaymentWebhookEvent | IgnoredWebhookEvent;

/** HTTP headers of a webhook delivery as API Gateway hands them over; names in any case. */
export type WebhookHeaders = Readonly<Record<string, string | undefined>>;
