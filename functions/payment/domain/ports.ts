// The payment service's ports: the store of payments and webhook receipts (DynamoDB in ../store.ts, in
// memory in the unit tests) and the gateway (adapters in ../providers/: Stripe, sandbox). Pure types.
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { Payment } from './payment.ts';
import type { WebhookOutcome } from './payment-webhook.ts';
import type {
  AuthorizeInput,
  AuthorizeResult,
  CaptureResult,
  NextAction,
  RefundResult,
  VoidResult,
  WebhookEvent,
  WebhookHeaders,
} from './provider.ts';

// ---------------------------------------------------------------------------------------------------------
// The store

/** A payment as stored: the domain's payment and the action the customer was last asked to take. */
export interface StoredPayment {
  readonly payment: Payment;
  readonly nextAction?: NextAction;
}

/** A processed webhook event, kept (for 30 days) so that a redelivery is recognised. */
export interface WebhookReceipt {
  readonly provider: string;
  readonly eventId: string;
  readonly outcome: WebhookOutcome;
  readonly paymentId: string;
  readonly at: string;
}

export interface PaymentWrite {
  readonly payment: Payment;
  /** `none` creates the payment; otherwise it must still be at the version read. */
  readonly expected: 'none' | { readonly version: number };
  readonly nextAction?: NextAction;
  /** Outbox items, written in the same transaction. */
  readonly events: readonly OutboxItem[];
  /** The webhook event this write applies; written in the same transaction, refused if already there. */
  readonly webhook?: WebhookReceipt;
}

export interface PaymentStore {
  get(paymentId: string): Promise<StoredPayment | undefined>;
  findByProviderRef(provider: string, providerRef: string): Promise<StoredPayment | undefined>;
  /**
   * Writes the payment, its events and the webhook receipt, all or nothing. Throws VersionConflictError
   * when the payment is not at `expected`, WebhookAlreadyProcessedError when the receipt exists.
   */
  write(write: PaymentWrite): Promise<void>;
  webhookProcessed(provider: string, eventId: string): Promise<boolean>;
  /** Records a webhook event that changed nothing (duplicate, stale); writing it twice is harmless. */
  recordWebhook(receipt: WebhookReceipt): Promise<void>;
}

/** The store refused a write because its webhook receipt exists: the event was applied before. */
export class WebhookAlreadyProcessedError extends Error {
  constructor(eventId: string) {
    super(`Webhook event ${eventId} was processed before.`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The gateway

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
