// The payment service end to end on the local cloud with the sandbox gateway: authorize with each sandbox
// token through the internal functions (Lambda Invoke, names from the stack outputs), capture, refunds,
// idempotent repeats; a requires_action payment completed by a signed webhook to POST
// /webhooks/payments/sandbox (tampered → 401, redelivered → no second effect); payment.* on the bus.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { EMULATOR_ENDPOINT, REGION } from '@commerce/local-cloud';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_SANDBOX_WEBHOOK_SECRET } from '../../functions/payment/local-secrets.ts';
import {
  SANDBOX_TOKENS,
  sandboxWebhook,
  type SandboxWebhookEvent,
} from '../../functions/payment/providers/sandbox.ts';
import { apiUrl, listenOnBus, stackOutput, unique, type BusEvent } from './support.ts';

const lambda = new LambdaClient({
  endpoint: EMULATOR_ENDPOINT,
  region: REGION,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

interface Payment {
  id: string;
  orderId: string;
  provider: string;
  providerRef?: string;
  status: string;
  amount: number;
  currency: string;
  authorizedAmount: number;
  capturedAmount: number;
  refundedAmount: number;
  failureCode?: string;
  version: number;
}
interface Result {
  payment: Payment;
  nextAction?: { type: string; url?: string };
}
interface Problem {
  error: { status: number; type: string; title: string; detail: string };
}

async function invoke(name: 'Authorize' | 'Capture' | 'Void' | 'Refund', payload: unknown) {
  const out = await lambda.send(
    new InvokeCommand({
      FunctionName: stackOutput((k) => k === `Payment${name}FunctionName`),
      Payload: Buffer.from(JSON.stringify(payload)),
    }),
  );
  expect(out.FunctionError, Buffer.from(out.Payload ?? []).toString()).toBeUndefined();
  return JSON.parse(Buffer.from(out.Payload!).toString()) as Result & Problem;
}

function authorize(token: string, overrides: Record<string, unknown> = {}) {
  return invoke('Authorize', {
    paymentId: unique('pay'),
    orderId: unique('ord'),
    amount: 2599,
    currency: 'EUR',
    paymentMethodToken: token,
    customerEmail: 'shopper@example.com',
    ...overrides,
  });
}

async function webhook(event: SandboxWebhookEvent, tamper?: (body: string) => string) {
  const { body, headers } = sandboxWebhook(event, LOCAL_SANDBOX_WEBHOOK_SECRET);
  const res = await fetch(`${apiUrl()}/webhooks/payments/sandbox`, {
    method: 'POST',
    headers,
    body: tamper ? tamper(body) : body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

let listener: Awaited<ReturnType<typeof listenOnBus>>;
const seen = (type: string, paymentId: string) =>
  listener.waitFor(
    (e) => e['detail-type'] === type && e.detail.data.paymentId === paymentId,
    `${type} of ${paymentId}`,
  );
const eventsOf = (paymentId: string): BusEvent[] =>
  listener.seen().filter((e) => e.detail.data.paymentId === paymentId);

beforeAll(async () => {
  listener = await listenOnBus({ source: ['commerce.payment'] });
});

afterAll(async () => {
  await listener.close();
});

describe('authorize', () => {
  it('authorizes with the approve token, announces it, and a repeat answers the same result', async () => {
    const paymentId = unique('pay');
    const request = {
      paymentId,
      orderId: unique('ord'),
      amount: 2599,
      currency: 'EUR',
      provider: 'sandbox',
      paymentMethodToken: SANDBOX_TOKENS.approve,
    };
    const first = await invoke('Authorize', { ...request, correlationId: 'corr-pay-1' });
    expect(first.payment).toMatchObject({
      id: paymentId,
      status: 'authorized',
      authorizedAmount: 2599,
      provider: 'sandbox',
    });
    expect(first.payment.providerRef).toMatch(/^sbx_pi_/);
    const again = await invoke('Authorize', request);
    expect(again).toEqual(first);
    const event = await seen('payment.authorized', paymentId);
    expect(event.detail.data).toMatchObject({ orderId: request.orderId, amount: 2599, currency: 'EUR' });
    expect(event.detail.metadata.correlationId).toBe('corr-pay-1');
    expect(await invoke('Authorize', { ...request, amount: 100 })).toMatchObject({
      error: { status: 409, type: 'urn:commerce:problem:payment-idempotency-conflict' },
    });
  });

  it('answers declines and processing errors as failed payments, with payment.failed', async () => {
    const cases = [
      [SANDBOX_TOKENS.decline, 'card_declined', true],
      [SANDBOX_TOKENS.insufficientFunds, 'insufficient_funds', true],
      [SANDBOX_TOKENS.processingError, 'processing_error', false],
    ] as const;
    for (const [token, code, declined] of cases) {
      const { payment } = await authorize(token);
      expect(payment).toMatchObject({ status: 'failed', failureCode: code });
      const event = await seen('payment.failed', payment.id);
      expect(event.detail.data).toMatchObject({ failureCode: code, declined });
    }
  });

  it('answers 503 when the gateway is down and 400 for a token the sandbox does not know', async () => {
    expect(await authorize(SANDBOX_TOKENS.gatewayUnavailable)).toMatchObject({
      error: { status: 503, type: 'urn:commerce:problem:payment-gateway-unavailable' },
    });
    expect(await authorize('tok_unknown')).toMatchObject({ error: { status: 400 } });
    expect(await invoke('Authorize', { paymentId: 'x' })).toMatchObject({ error: { status: 400 } });
  });
});

describe('capture and refunds', () => {
  it('captures, refunds in part, refuses a refund beyond what was captured, repeats change nothing', async () => {
    const { payment } = await authorize(SANDBOX_TOKENS.approve);
    const captured = await invoke('Capture', { paymentId: payment.id });
    expect(captured.payment).toMatchObject({ status: 'captured', capturedAmount: 2599 });
    expect(await invoke('Capture', { paymentId: payment.id })).toEqual(captured);

    const refundId = unique('ref');
    const refunded = await invoke('Refund', { paymentId: payment.id, amount: 1000, refundId });
    expect(refunded.payment).toMatchObject({ status: 'partially_refunded', refundedAmount: 1000 });
    expect(await invoke('Refund', { paymentId: payment.id, amount: 1000, refundId })).toEqual(refunded);
    expect(
      await invoke('Refund', { paymentId: payment.id, amount: 1600, refundId: unique('ref') }),
    ).toMatchObject({ error: { status: 422, type: 'urn:commerce:problem:refund-exceeds-captured' } });

    await seen('payment.captured', payment.id);
    const refundEvent = await seen('payment.refunded', payment.id);
    expect(refundEvent.detail.data).toMatchObject({
      amount: 1000,
      refundedAmount: 1000,
      full: false,
      refundId,
    });
    await listener.drain(2000);
    expect(eventsOf(payment.id).map((e) => e['detail-type'])).toEqual([
      'payment.authorized',
      'payment.captured',
      'payment.refunded',
    ]);
  });

  it('voids an authorization, and refuses to capture it or an unknown payment', async () => {
    const { payment } = await authorize(SANDBOX_TOKENS.approve);
    expect((await invoke('Void', { paymentId: payment.id })).payment.status).toBe('voided');
    expect(await invoke('Capture', { paymentId: payment.id })).toMatchObject({
      error: { status: 422, type: 'urn:commerce:problem:illegal-transition' },
    });
    await seen('payment.voided', payment.id);
    expect(await invoke('Capture', { paymentId: unique('pay') })).toMatchObject({ error: { status: 404 } });
  });
});

describe('webhooks', () => {
  it('complete a requires_action payment once; tampered → 401, redelivered → no second effect', async () => {
    const first = await authorize(SANDBOX_TOKENS.requiresAction);
    expect(first).toMatchObject({ payment: { status: 'requires_action' }, nextAction: { type: 'redirect' } });
    const { payment } = first;
    await seen('payment.requires_action', payment.id);
    const event: SandboxWebhookEvent = {
      id: unique('sbx_evt'),
      type: 'payment.authorized',
      providerRef: payment.providerRef!,
      amount: 2599,
      currency: 'EUR',
      paymentId: payment.id,
    };

    const tampered = await webhook(event, (body) => body.replace('2599', '9999'));
    expect(tampered.status).toBe(401);
    expect(tampered.body).toMatchObject({ status: 401, type: 'urn:commerce:problem:unauthorized' });

    expect(await webhook(event)).toMatchObject({
      status: 200,
      body: { received: true, eventId: event.id, outcome: 'applied' },
    });
    expect(await webhook(event)).toMatchObject({ status: 200, body: { outcome: 'duplicate' } });

    // The payment is authorized now: a repeated authorize answers it, without a gateway call.
    const after = await authorize(SANDBOX_TOKENS.requiresAction, {
      paymentId: payment.id,
      orderId: payment.orderId,
    });
    expect(after.payment).toMatchObject({ status: 'authorized', authorizedAmount: 2599 });
    expect(after).not.toHaveProperty('nextAction');

    await seen('payment.authorized', payment.id);
    await listener.drain(2000);
    expect(eventsOf(payment.id).map((e) => e['detail-type'])).toEqual([
      'payment.requires_action',
      'payment.authorized',
    ]);
    expect((await invoke('Capture', { paymentId: payment.id })).payment.status).toBe('captured');
  });

  it('ignore events they do not act on, drop unknown payments, and refuse an unsigned delivery', async () => {
    // An event type the service does not act on, signed as the sandbox signs any event.
    const other = { type: 'customer.updated', providerRef: 'sbx_pi_x' } as unknown as SandboxWebhookEvent;
    expect(await webhook(other)).toMatchObject({ status: 200, body: { outcome: 'ignored' } });
    const unknown = await webhook({ type: 'payment.voided', providerRef: `sbx_pi_${unique('x')}` });
    expect(unknown).toMatchObject({ status: 200, body: { outcome: 'unknown_payment' } });
    const { body } = sandboxWebhook(
      { type: 'payment.voided', providerRef: 'sbx_pi_x' },
      LOCAL_SANDBOX_WEBHOOK_SECRET,
    );
    const unsigned = await fetch(`${apiUrl()}/webhooks/payments/sandbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(unsigned.status).toBe(401);
  });
});
