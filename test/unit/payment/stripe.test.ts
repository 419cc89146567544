// The Stripe provider without a network: the real SDK over a canned HTTP client, so that the requests we
// send and the way Stripe's answers and errors map are checked exactly; webhooks are verified locally.
import { ConflictError, DomainError, UnauthorizedError, ValidationError } from '@commerce/lambda-kit/errors';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { AuthorizeInput } from '../../../functions/payment/domain/provider.ts';
import {
  authorizationFromIntent,
  type IntentView,
} from '../../../functions/payment/providers/stripe-intents.ts';
import { StripeProvider, type StripeProviderOptions } from '../../../functions/payment/providers/stripe.ts';

const WEBHOOK_SECRET = 'whsec_unit_test';

interface SentRequest {
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | null;
  readonly form: URLSearchParams;
}

/** A Stripe provider whose HTTP calls get `answer`'s responses; every request is recorded. */
function cannedStripe(
  answer: (request: SentRequest) => { status: number; body: unknown },
  options: Partial<StripeProviderOptions> = {},
) {
  const requests: SentRequest[] = [];
  const fakeFetch = (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request: SentRequest = {
      method: init?.method ?? 'GET',
      path: new URL(url instanceof Request ? url.url : url).pathname,
      idempotencyKey: new Headers(init?.headers).get('idempotency-key'),
      form: new URLSearchParams(typeof init?.body === 'string' ? init.body : ''),
    };
    requests.push(request);
    const { status, body } = answer(request);
    return Promise.resolve(
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json', 'request-id': `req_${requests.length}` },
      }),
    );
  };
  const provider = new StripeProvider({
    apiKey: 'sk_test_unit',
    webhookSecret: WEBHOOK_SECRET,
    maxNetworkRetries: 0,
    httpClient: Stripe.createFetchHttpClient(fakeFetch),
    ...options,
  });
  return { provider, requests };
}

function intent(fields: Partial<Stripe.PaymentIntent>): Stripe.PaymentIntent {
  return {
    id: 'pi_unit_1',
    object: 'payment_intent',
    amount: 2_599,
    amount_capturable: 0,
    amount_received: 0,
    currency: 'eur',
    status: 'requires_payment_method',
    client_secret: 'pi_unit_1_secret_abc',
    next_action: null,
    last_payment_error: null,
    metadata: {},
    ...fields,
  } as Stripe.PaymentIntent;
}

const input: AuthorizeInput = {
  paymentId: 'pay_unit_1',
  amount: 2_599,
  currency: 'EUR',
  paymentMethodToken: 'pm_card_visa',
  customerEmail: 'jane@example.com',
  metadata: { orderId: 'ord_1' },
};

describe('Stripe authorize', () => {
  it('creates a confirmed PaymentIntent with manual capture, keyed by our payment id', async () => {
    const { provider, requests } = cannedStripe(() => ({
      status: 200,
      body: intent({ status: 'requires_capture', amount_capturable: 2_599 }),
    }));
    await expect(provider.authorize(input)).resolves.toEqual({
      status: 'authorized',
      providerRef: 'pi_unit_1',
      authorizedAmount: 2_599,
    });
    expect(requests).toHaveLength(1);
    const [sent] = requests;
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/payment_intents', idempotencyKey: 'pay_unit_1' });
    expect(Object.fromEntries(sent!.form)).toEqual({
      amount: '2599',
      currency: 'eur',
      capture_method: 'manual',
      confirm: 'true',
      payment_method: 'pm_card_visa',
      'allowed_payment_method_types[0]': 'card',
      'metadata[orderId]': 'ord_1',
      'metadata[paymentId]': 'pay_unit_1',
      'metadata[customerEmail]': 'jane@example.com',
    });
  });

  it('reports 3-D Secure as requires_action, by redirect or through Stripe.js', async () => {
    const redirect = cannedStripe(() => ({
      status: 200,
      body: intent({
        status: 'requires_action',
        next_action: {
          type: 'redirect_to_url',
          redirect_to_url: { url: 'https://hooks.stripe.com/3ds', return_url: null },
        },
      }),
    }));
    await expect(
      redirect.provider.authorize({ ...input, returnUrl: 'https://shop.example.com/back' }),
    ).resolves.toEqual({
      status: 'requires_action',
      providerRef: 'pi_unit_1',
      nextAction: { type: 'redirect', url: 'https://hooks.stripe.com/3ds' },
    });
    expect(redirect.requests[0]!.form.get('return_url')).toBe('https://shop.example.com/back');

    const sdk = cannedStripe(() => ({
      status: 200,
      body: intent({
        status: 'requires_action',
        next_action: { type: 'use_stripe_sdk', use_stripe_sdk: {} },
      }),
    }));
    await expect(sdk.provider.authorize(input)).resolves.toMatchObject({
      nextAction: { type: 'client_sdk', clientSecret: 'pi_unit_1_secret_abc' },
    });
  });

  it('turns a card error (402) into a decline with its decline code, not an exception', async () => {
    const { provider } = cannedStripe(() => ({
      status: 402,
      body: {
        error: {
          type: 'card_error',
          code: 'card_declined',
          decline_code: 'insufficient_funds',
          message: 'Your card has insufficient funds.',
          payment_intent: intent({ id: 'pi_declined' }),
        },
      },
    }));
    await expect(provider.authorize(input)).resolves.toEqual({
      status: 'declined',
      providerRef: 'pi_declined',
      declineCode: 'insufficient_funds',
    });
    expect(provider.circuitStatus).toBe('closed');
  });

  it('maps refusals: an unknown payment method, a reused idempotency key, any other invalid request', async () => {
    const unknownMethod = cannedStripe(() => ({
      status: 400,
      body: { error: { type: 'invalid_request_error', code: 'resource_missing', param: 'payment_method' } },
    }));
    await expect(unknownMethod.provider.authorize(input)).rejects.toThrow(ValidationError);

    const reused = cannedStripe(() => ({ status: 400, body: { error: { type: 'idempotency_error' } } }));
    await expect(reused.provider.authorize(input)).rejects.toThrow(ConflictError);

    const refused = cannedStripe(() => ({
      status: 400,
      body: { error: { type: 'invalid_request_error', code: 'amount_too_small' } },
    }));
    await expect(refused.provider.authorize(input)).rejects.toMatchObject({
      problemType: 'payment-gateway-refused',
      message: 'The payment gateway refused the request (amount_too_small).',
    });
  });

  it('treats a rejected API key as our configuration error: a plain 500 that does not open the circuit', async () => {
    const { provider } = cannedStripe(() => ({
      status: 401,
      body: {
        error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_****unit' },
      },
    }));
    for (let i = 0; i < 6; i++) {
      const error = await provider.authorize(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(DomainError);
      expect((error as Error).message).not.toContain('sk_test');
    }
    expect(provider.circuitStatus).toBe('closed');
  });

  it('opens the circuit after five server errors and then answers 503 without calling Stripe', async () => {
    const { provider, requests } = cannedStripe(() => ({
      status: 500,
      body: { error: { type: 'api_error' } },
    }));
    for (let i = 0; i < 5; i++) {
      await expect(provider.authorize(input)).rejects.toMatchObject({ reason: 'gateway_error', status: 503 });
    }
    expect(provider.circuitStatus).toBe('open');
    await expect(provider.capture('pi_unit_1')).rejects.toMatchObject({ reason: 'circuit_open' });
    expect(requests).toHaveLength(5);
  });

  it('checks amounts before calling Stripe, including the tens of three-decimal currencies', async () => {
    const { provider, requests } = cannedStripe(() => ({ status: 200, body: intent({}) }));
    await expect(provider.authorize({ ...input, amount: 0 })).rejects.toThrow(ValidationError);
    await expect(provider.authorize({ ...input, currency: 'KWD', amount: 1_005 })).rejects.toThrow(
      ValidationError,
    );
    await expect(provider.authorize({ ...input, paymentMethodToken: '' })).rejects.toThrow(ValidationError);
    await expect(provider.capture('pi_unit_1', -1)).rejects.toMatchObject({
      problemType: 'capture-amount-invalid',
    });
    await expect(provider.refund('pi_unit_1', 0, 'ref_1')).rejects.toMatchObject({
      problemType: 'refund-amount-invalid',
    });
    expect(requests).toEqual([]);
  });
});

describe('Stripe capture, void and refund', () => {
  it('captures part of the authorization and reads the captured amount', async () => {
    const { provider, requests } = cannedStripe(() => ({
      status: 200,
      body: intent({ status: 'succeeded', amount_received: 1_500 }),
    }));
    await expect(provider.capture('pi_unit_1', 1_500)).resolves.toEqual({
      status: 'captured',
      capturedAmount: 1_500,
    });
    expect(requests[0]).toMatchObject({
      path: '/v1/payment_intents/pi_unit_1/capture',
      idempotencyKey: 'capture-pi_unit_1-1500',
    });
    expect(requests[0]!.form.get('amount_to_capture')).toBe('1500');
  });

  it('voids by cancelling the intent', async () => {
    const { provider, requests } = cannedStripe(() => ({
      status: 200,
      body: intent({ status: 'canceled' }),
    }));
    await expect(provider.void('pi_unit_1')).resolves.toEqual({ status: 'voided' });
    expect(requests[0]).toMatchObject({
      path: '/v1/payment_intents/pi_unit_1/cancel',
      idempotencyKey: 'void-pi_unit_1',
    });
  });

  it('refunds part of a payment, keyed by our refund id', async () => {
    const { provider, requests } = cannedStripe(() => ({
      status: 200,
      body: { id: 're_unit_1', object: 'refund', amount: 700, status: 'pending' },
    }));
    await expect(provider.refund('pi_unit_1', 700, 'ref_unit_1')).resolves.toEqual({
      status: 'pending',
      refundedAmount: 700,
      providerRefundRef: 're_unit_1',
    });
    expect(requests[0]).toMatchObject({ path: '/v1/refunds', idempotencyKey: 'ref_unit_1' });
    expect(Object.fromEntries(requests[0]!.form)).toEqual({
      payment_intent: 'pi_unit_1',
      amount: '700',
      'metadata[refundId]': 'ref_unit_1',
    });
  });
});

describe('authorizationFromIntent', () => {
  const view = (fields: Partial<IntentView>): IntentView => intent(fields);

  it('maps the statuses a confirmed manual-capture intent can have', () => {
    expect(authorizationFromIntent(view({ status: 'processing' }))).toEqual({
      status: 'requires_action',
      providerRef: 'pi_unit_1',
    });
    expect(
      authorizationFromIntent(
        view({
          status: 'requires_payment_method',
          last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'do_not_honor' },
        }),
      ),
    ).toEqual({ status: 'declined', providerRef: 'pi_unit_1', declineCode: 'do_not_honor' });
    expect(authorizationFromIntent(view({ status: 'requires_payment_method' }))).toMatchObject({
      declineCode: 'payment_failed',
    });
    expect(authorizationFromIntent(view({ status: 'canceled' }))).toEqual({
      status: 'failed',
      providerRef: 'pi_unit_1',
      declineCode: 'intent_canceled',
    });
  });
});

describe('Stripe webhooks', () => {
  const { provider, requests } = cannedStripe(() => ({ status: 500, body: {} }));

  function signed(type: string, object: unknown, timestamp?: number) {
    const payload = JSON.stringify({
      id: `evt_${type}`,
      object: 'event',
      type,
      created: 1_772_359_200,
      data: { object },
    });
    const header = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: WEBHOOK_SECRET,
      ...(timestamp === undefined ? {} : { timestamp }),
    });
    return { payload, headers: { 'Stripe-Signature': header } };
  }

  const intentObject = intent({
    status: 'requires_capture',
    amount_capturable: 2_599,
    metadata: { paymentId: 'pay_unit_1' },
  });

  it('maps amount_capturable_updated to payment.authorized, with our payment id from the metadata', async () => {
    const { payload, headers } = signed('payment_intent.amount_capturable_updated', intentObject);
    await expect(provider.parseWebhook(payload, headers)).resolves.toEqual({
      id: 'evt_payment_intent.amount_capturable_updated',
      type: 'payment.authorized',
      providerRef: 'pi_unit_1',
      paymentId: 'pay_unit_1',
      amount: 2_599,
      currency: 'EUR',
      occurredAt: '2026-03-01T10:00:00.000Z',
    });
  });

  it('maps succeeded, payment_failed and canceled', async () => {
    const succeeded = signed('payment_intent.succeeded', {
      ...intentObject,
      status: 'succeeded',
      amount_received: 2_000,
    });
    await expect(provider.parseWebhook(succeeded.payload, succeeded.headers)).resolves.toMatchObject({
      type: 'payment.captured',
      amount: 2_000,
    });
    const failed = signed('payment_intent.payment_failed', {
      ...intentObject,
      last_payment_error: { code: 'card_declined', decline_code: 'stolen_card' },
    });
    await expect(provider.parseWebhook(failed.payload, failed.headers)).resolves.toMatchObject({
      type: 'payment.failed',
      failureCode: 'stolen_card',
    });
    const canceled = signed('payment_intent.canceled', { ...intentObject, status: 'canceled' });
    await expect(provider.parseWebhook(canceled.payload, canceled.headers)).resolves.toMatchObject({
      type: 'payment.voided',
      providerRef: 'pi_unit_1',
    });
  });

  it('maps charge.refunded to payment.refunded with the cumulative refunded amount', async () => {
    const { payload, headers } = signed('charge.refunded', {
      id: 'ch_1',
      object: 'charge',
      payment_intent: 'pi_unit_1',
      amount_refunded: 900,
      currency: 'eur',
      metadata: {},
    });
    await expect(provider.parseWebhook(payload, headers)).resolves.toEqual({
      id: 'evt_charge.refunded',
      type: 'payment.refunded',
      providerRef: 'pi_unit_1',
      amount: 900,
      currency: 'EUR',
      occurredAt: '2026-03-01T10:00:00.000Z',
    });
  });

  it('ignores other events, a capturable amount that dropped to zero, and a charge without an intent', async () => {
    const other = signed('customer.created', { id: 'cus_1' });
    await expect(provider.parseWebhook(other.payload, other.headers)).resolves.toEqual({
      id: 'evt_customer.created',
      type: 'ignored',
      providerType: 'customer.created',
    });
    const zero = signed('payment_intent.amount_capturable_updated', {
      ...intentObject,
      amount_capturable: 0,
    });
    await expect(provider.parseWebhook(zero.payload, zero.headers)).resolves.toMatchObject({
      type: 'ignored',
    });
    const bare = signed('charge.refunded', { payment_intent: null, amount_refunded: 1, currency: 'eur' });
    await expect(provider.parseWebhook(bare.payload, bare.headers)).resolves.toMatchObject({
      type: 'ignored',
    });
  });

  it('refuses a tampered body, a missing signature and an old timestamp', async () => {
    const { payload, headers } = signed('payment_intent.succeeded', intentObject);
    await expect(provider.parseWebhook(payload.replace('2599', '1'), headers)).rejects.toThrow(
      UnauthorizedError,
    );
    await expect(provider.parseWebhook(payload, {})).rejects.toThrow(UnauthorizedError);
    const old = signed('payment_intent.succeeded', intentObject, Math.floor(Date.now() / 1000) - 301);
    await expect(provider.parseWebhook(old.payload, old.headers)).rejects.toThrow(/tolerance/);
  });

  it('refuses a signed body it cannot read', async () => {
    const broken = signed('payment_intent.succeeded', { id: 'pi_1' });
    await expect(provider.parseWebhook(broken.payload, broken.headers)).rejects.toThrow(ValidationError);
    const header = Stripe.webhooks.generateTestHeaderString({ payload: 'not json', secret: WEBHOOK_SECRET });
    await expect(provider.parseWebhook('not json', { 'stripe-signature': header })).rejects.toThrow(
      ValidationError,
    );
  });

  it('never called Stripe to verify any of the above', () => {
    expect(requests).toEqual([]);
  });
});
