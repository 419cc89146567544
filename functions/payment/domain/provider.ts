// The payment provider port: what the payment service asks of a gateway (authorize, capture, void, refund)
// and how it reads the gateway's webhooks. Adapters in ../providers/ (Stripe, sandbox) implement it; the
// domain never sees their wire format. Pure types.
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

export type AuthorizationStatus = 'authorized' | 'requires_action' | 'declined' | 'failed';

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

export type WebhookEventType = WebhookEvent['type'];

/** HTTP headers of a webhook delivery as API Gateway hands them over; names in any case. */
export type WebhookHeaders = Readonly<Record<string, string | undefined>>;

/**
 * A payment gateway. Every method either returns the gateway's answer or throws a typed error:
 * GatewayUnavailableError (503, nothing known to have happened, retry with the same ids), ValidationError
 * (a token the gateway does not know), UnprocessableError or ConflictError (the gateway refused the request).
 */
export interface PaymentProvider {
  /** The name payments record (`stripe`, `sandbox`). */
  readonly name: string;
  /** Authorizes (holds) the amount for a later capture; idempotent on `paymentId`. */
  authorize(input: AuthorizeInput): Promise<AuthorizeResult>;
  /** Captures `amount` (at most what is authorized; all of it when omitted); the rest is released. */
  capture(providerRef: string, amount?: number): Promise<CaptureResult>;
  /** Releases an authorization that was not captured. */
  void(providerRef: string): Promise<VoidResult>;
  /** Gives back `amount` of what was captured; idempotent on `refundId` (our id of this refund). */
  refund(providerRef: string, amount: number, refundId: string): Promise<RefundResult>;
  /**
   * Verifies a webhook delivery (signature and age) and normalizes it. `rawBody` is the body exactly as
   * received (decoded from base64 if API Gateway encoded it): re-serialized JSON does not verify. Throws
   * UnauthorizedError when the delivery is not provably from the gateway, ValidationError when a signed
   * body is not an event it can read.
   */
  parseWebhook(rawBody: string, headers: WebhookHeaders): Promise<WebhookEvent>;
}
