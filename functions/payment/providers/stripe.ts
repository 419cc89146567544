// The Stripe payment provider, on the official SDK: a PaymentIntent per payment, confirmed at creation with
// manual capture (authorize now, capture when the order is ready), our ids as idempotency keys, and signed
// webhooks. Every call runs under a timeout and a circuit breaker (GatewayGuard).
//
// Card data never reaches this code: the storefront collects the card with Stripe.js and sends us a
// PaymentMethod id; we send Stripe that id and keep only Stripe's ids and codes. Stripe's errors can carry
// the PaymentIntent and PaymentMethod (brand, last four digits), so they are translated here into our typed
// errors and never passed on or logged whole.
import {
  ConflictError,
  DomainError,
  UnauthorizedError,
  UnprocessableError,
  ValidationError,
} from '@commerce/lambda-kit/errors';
import Stripe from 'stripe';
import * as z from 'zod';
import { amountErrors } from '../domain/payment.ts';
import type {
  AuthorizeInput,
  AuthorizeResult,
  CaptureResult,
  NextAction,
  PaymentProvider,
  PaymentWebhookEvent,
  RefundResult,
  VoidResult,
  WebhookEvent,
  WebhookHeaders,
} from '../domain/provider.ts';
import { DEFAULT_GATEWAY_TIMEOUT_MS, GatewayGuard, type CircuitStatus } from './gateway-guard.ts';
import { headerValue } from '@commerce/lambda-kit/webhook-signature';
import { settle } from './settle.ts';

export const STRIPE_PROVIDER = 'stripe';
export const STRIPE_SIGNATURE_HEADER = 'stripe-signature';
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * Currencies whose ISO minor unit is the thousandth: Stripe takes their amounts in thousandths but only in
 * multiples of ten (https://docs.stripe.com/currencies#three-decimal).
 */
const THREE_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

export interface StripeProviderOptions {
  /** The secret key (`sk_live_…`, `sk_test_…`; any `sk_test_` key for stripe-mock), from Secrets Manager. */
  readonly apiKey: string;
  /** The signing secret of the webhook endpoint (`whsec_…`), from Secrets Manager. */
  readonly webhookSecret: string;
  /**
   * Where the API is; stripe-mock runs on `http://127.0.0.1:12111`.
   * @default 'api.stripe.com', 443, 'https'
   */
  readonly host?: string;
  readonly port?: number;
  readonly protocol?: 'http' | 'https';
  /**
   * Budget of one call, the SDK's own retries included.
   * @default 5000
   */
  readonly timeoutMs?: number;
  /**
   * Retries the SDK makes on a network error or a 5xx, within `timeoutMs`, with the same idempotency key.
   * @default 1
   */
  readonly maxNetworkRetries?: number;
  /**
   * Consecutive gateway faults that open the circuit.
   * @default 5
   */
  readonly failureThreshold?: number;
  /**
   * How long the circuit stays open before a trial call.
   * @default 30000
   */
  readonly halfOpenAfterMs?: number;
  /** Told whenever the circuit changes state, e.g. to log or count openings. */
  readonly onCircuitChange?: (status: CircuitStatus) => void;
  /**
   * Maximum age of a webhook delivery, in seconds.
   * @default 300
   */
  readonly webhookToleranceSeconds?: number;
  /**
   * The HTTP client the SDK uses.
   * @default the SDK's Node client; tests hand in a recording or canned one (`Stripe.createFetchHttpClient`)
   */
  readonly httpClient?: Stripe.HttpClient;
}

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

function failureCodeOf(
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

/** Network errors, Stripe's 5xx and rate limiting: the gateway is failing, not refusing. */
export function isStripeFault(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    (error instanceof Stripe.errors.StripeError && (error.statusCode ?? 0) >= 500)
  );
}

/** A line for the log: type, status, code and request id, never the message (it may quote parameters). */
export function describeStripeError(error: unknown): string {
  if (!(error instanceof Stripe.errors.StripeError))
    return error instanceof Error ? error.name : typeof error;
  return [error.type, error.statusCode, error.code, error.requestId]
    .filter((part) => part !== undefined)
    .join(' ');
}

/** Our error for a Stripe error that is not a fault (faults are GatewayUnavailableError already). */
function translate(error: unknown): unknown {
  if (error instanceof DomainError || !(error instanceof Stripe.errors.StripeError)) return error;
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    return new ConflictError(
      'This payment was already sent to the gateway with different details.',
      'payment-idempotency-conflict',
    );
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError && error.param === 'payment_method') {
    return new ValidationError([
      {
        in: 'body',
        pointer: '/paymentMethodToken',
        detail: 'The payment method is unknown or cannot be used.',
      },
    ]);
  }
  if (
    error instanceof Stripe.errors.StripeInvalidRequestError ||
    error instanceof Stripe.errors.StripeCardError
  ) {
    return new UnprocessableError(
      `The payment gateway refused the request (${error.code ?? error.type}).`,
      'payment-gateway-refused',
    );
  }
  // Authentication, permission and anything unexpected: our configuration, not the client's request. A
  // generic 500; the description is safe to log.
  return new Error(`Stripe refused the request: ${describeStripeError(error)}`);
}

// ---------------------------------------------------------------------------------------------------------
// Webhooks

const metadata = z.record(z.string(), z.string()).nullish();

const intentObject = z.object({
  id: z.string().min(1),
  amount_capturable: z.number().int().nonnegative(),
  amount_received: z.number().int().nonnegative(),
  currency: z.string().length(3),
  metadata,
  last_payment_error: z.object({ code: z.string().nullish(), decline_code: z.string().nullish() }).nullish(),
});

const chargeObject = z.object({
  payment_intent: z.union([z.string().min(1), z.object({ id: z.string().min(1) })]).nullish(),
  amount_refunded: z.number().int().nonnegative(),
  currency: z.string().length(3),
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

// ---------------------------------------------------------------------------------------------------------
// The provider

export class StripeProvider implements PaymentProvider {
  readonly name = STRIPE_PROVIDER;
  private readonly stripe: Stripe;
  private readonly guard: GatewayGuard;
  private readonly webhookSecret: string;
  private readonly webhookToleranceSeconds: number;

  constructor(options: StripeProviderOptions) {
    if (options.apiKey.length === 0) throw new Error('The Stripe provider needs an API key.');
    if (options.webhookSecret.length === 0) throw new Error('The Stripe provider needs a webhook secret.');
    const timeoutMs = options.timeoutMs ?? DEFAULT_GATEWAY_TIMEOUT_MS;
    this.webhookSecret = options.webhookSecret;
    this.webhookToleranceSeconds = options.webhookToleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
    this.stripe = new Stripe(options.apiKey, {
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.protocol === undefined ? {} : { protocol: options.protocol }),
      ...(options.httpClient === undefined ? {} : { httpClient: options.httpClient }),
      // The SDK's own timeout closes the socket of a call the guard has given up on.
      timeout: timeoutMs,
      maxNetworkRetries: options.maxNetworkRetries ?? 1,
      appInfo: { name: 'serverless-commerce' },
    });
    this.guard = new GatewayGuard({
      gateway: STRIPE_PROVIDER,
      timeoutMs,
      isGatewayFault: isStripeFault,
      describeFault: describeStripeError,
      ...(options.failureThreshold === undefined ? {} : { failureThreshold: options.failureThreshold }),
      ...(options.halfOpenAfterMs === undefined ? {} : { halfOpenAfterMs: options.halfOpenAfterMs }),
      ...(options.onCircuitChange === undefined ? {} : { onCircuitChange: options.onCircuitChange }),
    });
  }

  get circuitStatus(): CircuitStatus {
    return this.guard.circuitStatus;
  }

  async authorize(input: AuthorizeInput): Promise<AuthorizeResult> {
    const errors = amountErrors(input.amount, input.currency);
    if (THREE_DECIMAL_CURRENCIES.has(input.currency) && input.amount % 10 !== 0) {
      errors.push({
        in: 'body',
        pointer: '/amount',
        detail: `Stripe takes ${input.currency} in multiples of 10.`,
      });
    }
    if (input.paymentMethodToken.length === 0) {
      errors.push({ in: 'body', pointer: '/paymentMethodToken', detail: 'Must not be empty.' });
    }
    if (errors.length > 0) throw new ValidationError(errors);
    const params: Stripe.PaymentIntentCreateParams = {
      amount: input.amount,
      currency: input.currency.toLowerCase(),
      capture_method: 'manual',
      confirm: true,
      payment_method: input.paymentMethodToken,
      // Cards only: every card supports manual capture, and 3-D Secure is their only action. (This API
      // version calls the list allowed_payment_method_types; it was payment_method_types before.)
      allowed_payment_method_types: ['card'],
      // Our id travels with the intent so that a webhook finds the payment even before the authorize answer
      // is stored; the email lets support find a payment in the dashboard. No `receipt_email`: Stripe would
      // then send its own receipts, and customer email belongs to the notification service.
      metadata: {
        ...input.metadata,
        paymentId: input.paymentId,
        ...(input.customerEmail === undefined ? {} : { customerEmail: input.customerEmail }),
      },
      ...(input.returnUrl === undefined ? {} : { return_url: input.returnUrl }),
    };
    try {
      const intent = await this.guard.run('authorize', () =>
        this.stripe.paymentIntents.create(params, { idempotencyKey: input.paymentId }),
      );
      return authorizationFromIntent(intent);
    } catch (error) {
      // A decline comes back as an error (HTTP 402) carrying the intent it left behind.
      if (error instanceof Stripe.errors.StripeCardError) {
        return {
          status: 'declined',
          ...(error.payment_intent?.id === undefined ? {} : { providerRef: error.payment_intent.id }),
          declineCode: error.decline_code ?? error.code ?? 'card_declined',
        };
      }
      throw translate(error);
    }
  }

  async capture(providerRef: string, amount?: number): Promise<CaptureResult> {
    if (amount !== undefined && (!Number.isSafeInteger(amount) || amount <= 0)) {
      throw new UnprocessableError('A capture must be a positive integer amount.', 'capture-amount-invalid');
    }
    try {
      const intent = await this.guard.run('capture', () =>
        this.stripe.paymentIntents.capture(
          providerRef,
          amount === undefined ? {} : { amount_to_capture: amount },
          { idempotencyKey: `capture-${providerRef}-${amount ?? 'all'}` },
        ),
      );
      return captureFromIntent(intent);
    } catch (error) {
      throw translate(error);
    }
  }

  async void(providerRef: string): Promise<VoidResult> {
    try {
      const intent = await this.guard.run('void', () =>
        this.stripe.paymentIntents.cancel(providerRef, {}, { idempotencyKey: `void-${providerRef}` }),
      );
      return { status: intent.status === 'canceled' ? 'voided' : 'failed' };
    } catch (error) {
      throw translate(error);
    }
  }

  async refund(providerRef: string, amount: number, refundId: string): Promise<RefundResult> {
    if (!Number.isSafeInteger(amount) || amount <= 0) {
      throw new UnprocessableError('A refund must be a positive integer amount.', 'refund-amount-invalid');
    }
    try {
      const refund = await this.guard.run('refund', () =>
        this.stripe.refunds.create(
          { payment_intent: providerRef, amount, metadata: { refundId } },
          { idempotencyKey: refundId },
        ),
      );
      return refundFromStripe(refund);
    } catch (error) {
      throw translate(error);
    }
  }

  /** Verification is local (HMAC over the raw body, 5-minute tolerance); no call to Stripe. */
  parseWebhook(rawBody: string, headers: WebhookHeaders): Promise<WebhookEvent> {
    return settle(() => webhookEventFromStripe(this.verifiedEvent(rawBody, headers)));
  }

  private verifiedEvent(rawBody: string, headers: WebhookHeaders): Stripe.Event {
    const signature = headerValue(headers, STRIPE_SIGNATURE_HEADER);
    if (signature === undefined || signature === '') {
      throw new UnauthorizedError(`The ${STRIPE_SIGNATURE_HEADER} header is missing.`);
    }
    try {
      return this.stripe.webhooks.constructEvent(
        rawBody,
        signature,
        this.webhookSecret,
        this.webhookToleranceSeconds,
      );
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
        throw new UnauthorizedError(
          /tolerance/i.test(error.message)
            ? 'The webhook timestamp is outside the tolerance.'
            : 'The webhook signature does not match (or the header is malformed).',
        );
      }
      // The signature verified, so the body is Stripe's, but it is not JSON.
      throw new ValidationError(
        [{ in: 'body', pointer: '', detail: 'The body is not JSON.' }],
        'The webhook body is not JSON.',
      );
    }
  }
}
