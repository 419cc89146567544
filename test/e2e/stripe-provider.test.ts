// The Stripe provider over real HTTP against stripe-mock, the Stripe API mock the local cloud runs.
//
// What stripe-mock is and is not, which shapes every assertion below:
// - it validates each request against Stripe's OpenAPI spec (unknown parameters, wrong types, missing
//   required ones: 400), so a 200 here proves our requests have the shape Stripe accepts;
// - it is stateless and answers from fixtures: it echoes some request parameters (amount, currency,
//   capture_method, payment_method) into the fixture but not others (metadata), and keeps nothing, so a
//   PaymentIntent it "creates" cannot be captured afterwards in any meaningful sense;
// - every PaymentIntent comes back with status `requires_payment_method` (never `requires_capture`), a
//   capture does not set amount_received, a cancel does not set `canceled`; a refund echoes its amount;
// - it does not replay idempotent requests (the same key twice gets two ids) and simulates no declines,
//   3-D Secure or outages, and sends no webhooks.
// So here we check the wire (paths, parameters, idempotency keys that reach the server) and how the
// provider reads what comes back; the status mapping for real Stripe answers is unit-tested in
// test/unit/payment/stripe.test.ts with canned responses.
import { STRIPE_MOCK_URL } from '@commerce/local-cloud';
import { UnauthorizedError } from '@commerce/lambda-kit/errors';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import { GatewayUnavailableError } from '../../functions/payment/domain/errors.ts';
import { StripeProvider, type StripeProviderOptions } from '../../functions/payment/providers/stripe.ts';

const API_KEY = 'sk_test_123';
const WEBHOOK_SECRET = `whsec_${randomUUID().replaceAll('-', '')}`;
const mock = new URL(STRIPE_MOCK_URL);
const mockAt = {
  host: mock.hostname,
  port: Number(mock.port),
  protocol: mock.protocol.replace(':', '') as 'http' | 'https',
};

interface Exchange {
  readonly path: string;
  readonly sentKey: string | null;
  /** stripe-mock echoes the Idempotency-Key it received in its response headers. */
  readonly receivedKey: string | null;
  readonly form: URLSearchParams;
  readonly status: number | undefined;
}

/** A provider whose HTTP exchanges are recorded; `fetch` is the real one, so requests do go over the wire. */
function recordedProvider(options: Partial<StripeProviderOptions> = {}) {
  const exchanges: Exchange[] = [];
  const recordingFetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const entry = {
      path: new URL(url instanceof Request ? url.url : url).pathname,
      sentKey: new Headers(init?.headers).get('idempotency-key'),
      form: new URLSearchParams(typeof init?.body === 'string' ? init.body : ''),
    };
    try {
      const response = await fetch(url, init);
      exchanges.push({
        ...entry,
        receivedKey: response.headers.get('idempotency-key'),
        status: response.status,
      });
      return response;
    } catch (error) {
      exchanges.push({ ...entry, receivedKey: null, status: undefined });
      throw error;
    }
  };
  const provider = new StripeProvider({
    apiKey: API_KEY,
    webhookSecret: WEBHOOK_SECRET,
    ...mockAt,
    timeoutMs: 5_000,
    maxNetworkRetries: 0,
    httpClient: Stripe.createFetchHttpClient(recordingFetch),
    ...options,
  });
  return { provider, exchanges };
}

/** Stripe's own client on stripe-mock, to fetch fixture objects with the shape real ones have. */
const fixtures = new Stripe(API_KEY, { ...mockAt, maxNetworkRetries: 0 });

const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
afterAll(async () => {
  // close() waits for open connections, so end them first.
  sockets.forEach((socket) => socket.destroy());
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A loopback port nothing listens on: bound, read and released again. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A loopback port that accepts connections and never answers. */
async function silentPort(): Promise<number> {
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return (server.address() as net.AddressInfo).port;
}

describe('Stripe provider against stripe-mock', () => {
  it('authorizes: the request passes Stripe’s schema and carries our payment id as idempotency key', async () => {
    const { provider, exchanges } = recordedProvider();
    const paymentId = `pay_e2e_${randomUUID()}`;

    const result = await provider.authorize({
      paymentId,
      amount: 2_599,
      currency: 'EUR',
      paymentMethodToken: 'pm_card_visa',
      customerEmail: 'e2e@example.com',
      metadata: { orderId: `ord_${randomUUID()}` },
    });

    expect(exchanges).toHaveLength(1);
    const [exchange] = exchanges;
    expect(exchange).toMatchObject({
      path: '/v1/payment_intents',
      status: 200,
      sentKey: paymentId,
      receivedKey: paymentId,
    });
    expect(exchange!.form.get('capture_method')).toBe('manual');
    expect(exchange!.form.get('confirm')).toBe('true');
    expect(exchange!.form.get('payment_method')).toBe('pm_card_visa');
    // stripe-mock's fixture intent is always `requires_payment_method` (a real confirmation with pm_card_visa
    // gives `requires_capture`), which the provider reads as a decline without a decline code: the fixture's
    // last_payment_error has none.
    expect(result).toEqual({
      status: 'declined',
      providerRef: expect.stringMatching(/^pi_/) as string,
      declineCode: 'payment_failed',
    });
  });

  it('captures part of an authorization: a well-formed request, read as not captured from the fixture', async () => {
    const { provider, exchanges } = recordedProvider();
    const providerRef = 'pi_123';

    const result = await provider.capture(providerRef, 1_000);

    expect(exchanges[0]).toMatchObject({
      path: `/v1/payment_intents/${providerRef}/capture`,
      status: 200,
      receivedKey: `capture-${providerRef}-1000`,
    });
    expect(exchanges[0]!.form.get('amount_to_capture')).toBe('1000');
    // The fixture stays `requires_payment_method` with amount_received 0; real Stripe answers `succeeded`.
    expect(result).toEqual({ status: 'failed', capturedAmount: 0 });
  });

  it('voids: cancels the intent, read as not voided from the fixture', async () => {
    const { provider, exchanges } = recordedProvider();

    const result = await provider.void('pi_123');

    expect(exchanges[0]).toMatchObject({
      path: '/v1/payment_intents/pi_123/cancel',
      status: 200,
      receivedKey: 'void-pi_123',
    });
    // The fixture is not `canceled`; the provider does not take a 200 for a void it cannot see.
    expect(result).toEqual({ status: 'failed' });
  });

  it('refunds part of a payment, keyed by our refund id', async () => {
    const { provider, exchanges } = recordedProvider();
    const refundId = `ref_e2e_${randomUUID()}`;

    const result = await provider.refund('pi_123', 500, refundId);

    expect(exchanges[0]).toMatchObject({ path: '/v1/refunds', status: 200, receivedKey: refundId });
    expect(exchanges[0]!.form.get('metadata[refundId]')).toBe(refundId);
    // The refund fixture echoes the amount and is `succeeded`, as a card refund usually is.
    expect(result).toEqual({
      status: 'succeeded',
      refundedAmount: 500,
      providerRefundRef: expect.stringMatching(/^re_/) as string,
    });
  });

  it('verifies a webhook signed like Stripe signs it, and refuses it tampered', async () => {
    const { provider, exchanges } = recordedProvider();
    // A real object shape: stripe-mock's PaymentIntent fixture, as Stripe would put it in the event.
    const intent = await fixtures.paymentIntents.retrieve('pi_123');
    const payload = JSON.stringify({
      id: `evt_${randomUUID()}`,
      object: 'event',
      type: 'payment_intent.succeeded',
      created: Math.floor(Date.now() / 1000),
      data: { object: { ...intent, status: 'succeeded', amount_received: intent.amount } },
    });
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });

    await expect(provider.parseWebhook(payload, { 'Stripe-Signature': header })).resolves.toMatchObject({
      type: 'payment.captured',
      providerRef: 'pi_123',
      amount: intent.amount,
      currency: intent.currency.toUpperCase(),
    });
    const tampered = payload.replace(`"amount_received":${intent.amount}`, '"amount_received":1');
    expect(tampered).not.toBe(payload);
    await expect(provider.parseWebhook(tampered, { 'Stripe-Signature': header })).rejects.toThrow(
      UnauthorizedError,
    );
    // Verification is local: no request went to the gateway.
    expect(exchanges).toEqual([]);
  });

  it('reads charge.refunded built from stripe-mock’s Charge fixture', async () => {
    const { provider } = recordedProvider();
    const charge = await fixtures.charges.retrieve('ch_123');
    // The fixture charge belongs to no PaymentIntent; a card payment's charge does, so attach one.
    const payload = JSON.stringify({
      id: `evt_${randomUUID()}`,
      object: 'event',
      type: 'charge.refunded',
      created: Math.floor(Date.now() / 1000),
      data: { object: { ...charge, payment_intent: 'pi_123', amount_refunded: 40, refunded: false } },
    });
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });

    await expect(provider.parseWebhook(payload, { 'stripe-signature': header })).resolves.toMatchObject({
      type: 'payment.refunded',
      providerRef: 'pi_123',
      amount: 40,
    });
  });

  it('opens the circuit after five refused connections and then fails fast without connecting', async () => {
    const { provider, exchanges } = recordedProvider({ port: await closedPort(), timeoutMs: 2_000 });
    const attempt = () =>
      provider.authorize({
        paymentId: `pay_e2e_${randomUUID()}`,
        amount: 1_000,
        currency: 'EUR',
        paymentMethodToken: 'pm_card_visa',
        metadata: {},
      });

    for (let i = 0; i < 5; i++) {
      await expect(attempt()).rejects.toMatchObject({ reason: 'gateway_error', status: 503 });
    }
    expect(provider.circuitStatus).toBe('open');

    const started = performance.now();
    const error = await attempt().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayUnavailableError);
    expect(error).toMatchObject({ reason: 'circuit_open', problemType: 'payment-gateway-unavailable' });
    expect(performance.now() - started).toBeLessThan(50);
    expect(exchanges).toHaveLength(5);
  });

  it('gives up on a gateway that accepts the connection and never answers', async () => {
    const { provider } = recordedProvider({ port: await silentPort(), timeoutMs: 300 });

    const started = performance.now();
    await expect(provider.capture('pi_123')).rejects.toMatchObject({ reason: 'timeout', status: 503 });
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
