// The Stripe payment provider, on the official SDK: a PaymentIntent per payment, confirmed at creation with
// manual capture (authorize now, capture when the order is ready), our ids as idempotency keys, and signed
// webhooks. Every call runs under a timeout and a circuit breaker (GatewayGuard).
//
// Card data never reaches this code: the storefront collects the card with Stripe.js and sends us a
// PaymentMethod id; we send Stripe that id and keep only Stripe's ids and codes. Stripe's errors can carry
// the PaymentIntent and PaymentMethod (brand, last four digits), so they are translated into our typed
// errors (stripe-errors.ts) and never passed on or logged whole. What Stripe's intents, refunds and webhook
// events mean for us is in stripe-intents.ts and stripe-webhooks.ts; only this module is imported from
// outside (dynamically, by ../gateways.ts), so the SDK stays out of what a payment function loads at cold
// start.
import { UnauthorizedError, UnprocessableError, ValidationError } from '@commerce/lambda-kit/errors';
import { headerValue } from '@commerce/lambda-kit/webhook-signature';
import Stripe from 'stripe';
import { amountErrors } from '../domain/payment.ts';
import type { PaymentProvider } from '../domain/ports.ts';
import type {
  AuthorizeInput,
  AuthorizeResult,
  CaptureResult,
  RefundResult,
  VoidResult,
  WebhookEvent,
  WebhookHeaders,
} from '../domain/provider.ts';
import { DEFAULT_GATEWAY_TIMEOUT_MS, GatewayGuard, type CircuitStatus } from './gateway-guard.ts';
import { settle } from './settle.ts';
import { describeStripeError, isStripeFault, translateStripeError } from './stripe-errors.ts';
import { authorizationFromIntent, captureFromIntent, refundFromStripe } from './stripe-intents.ts';
import { webhookEventFromStripe } from './stripe-webhooks.ts';

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
      throw translateStripeError(error);
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
      throw translateStripeError(error);
    }
  }

  async void(providerRef: string): Promise<VoidResult> {
    try {
      const intent = await this.guard.run('void', () =>
        this.stripe.paymentIntents.cancel(providerRef, {}, { idempotencyKey: `void-${providerRef}` }),
      );
      return { status: intent.status === 'canceled' ? 'voided' : 'failed' };
    } catch (error) {
      throw translateStripeError(error);
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
      throw translateStripeError(error);
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
