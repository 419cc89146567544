// The payment service's use cases over an in-memory store and the sandbox provider: idempotent authorize,
// capture, void and refund, webhooks applied once, events in the same write as the payment (the outbox).
import { VersionConflictError } from '@commerce/lambda-kit/errors';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import { beforeEach, describe, expect, it } from 'vitest';
import { WebhookDeferredError } from '../../../functions/payment/domain/errors.ts';
import {
  WebhookAlreadyProcessedError,
  type PaymentProvider,
  type PaymentStore,
  type PaymentWrite,
  type StoredPayment,
  type WebhookReceipt,
} from '../../../functions/payment/domain/ports.ts';
import { buildProvider, gatewayEnvSchema, providerRegistry } from '../../../functions/payment/gateways.ts';
import { Payments } from '../../../functions/payment/payment.ts';
import {
  SANDBOX_TOKENS,
  SandboxProvider,
  sandboxWebhook,
} from '../../../functions/payment/providers/sandbox.ts';

const SECRET = 'unit-test-sandbox-webhook-secret';

class MemoryStore implements PaymentStore {
  readonly payments = new Map<string, StoredPayment>();
  readonly receipts = new Map<string, WebhookReceipt>();
  readonly outbox: OutboxItem[] = [];
  /** The next this many writes lose a race to another writer (a version conflict). */
  lostRaces = 0;

  get(id: string) {
    return Promise.resolve(structuredClone(this.payments.get(id)));
  }
  findByProviderRef(provider: string, ref: string) {
    return Promise.resolve(
      structuredClone(
        [...this.payments.values()].find(
          (s) => s.payment.provider === provider && s.payment.providerRef === ref,
        ),
      ),
    );
  }
  write(write: PaymentWrite) {
    if (this.lostRaces > 0) {
      this.lostRaces--;
      return Promise.reject(new VersionConflictError());
    }
    const current = this.payments.get(write.payment.id);
    if (write.expected === 'none' ? current : current?.payment.version !== write.expected.version) {
      return Promise.reject(new VersionConflictError());
    }
    if (write.webhook && this.receipts.has(`${write.webhook.provider}/${write.webhook.eventId}`)) {
      return Promise.reject(new WebhookAlreadyProcessedError(write.webhook.eventId));
    }
    this.payments.set(write.payment.id, {
      payment: structuredClone(write.payment),
      ...(write.nextAction ? { nextAction: write.nextAction } : {}),
    });
    if (write.webhook) this.receipts.set(`${write.webhook.provider}/${write.webhook.eventId}`, write.webhook);
    this.outbox.push(...write.events);
    return Promise.resolve();
  }
  webhookProcessed(provider: string, eventId: string) {
    return Promise.resolve(this.receipts.has(`${provider}/${eventId}`));
  }
  recordWebhook(receipt: WebhookReceipt) {
    this.receipts.set(`${receipt.provider}/${receipt.eventId}`, receipt);
    return Promise.resolve();
  }
  types(): string[] {
    return this.outbox.map((e) => e.detailType);
  }
}

/** The sandbox, counting gateway calls. */
function countingSandbox(): { provider: PaymentProvider; calls: string[] } {
  const sandbox = new SandboxProvider({ webhookSecret: SECRET });
  const calls: string[] = [];
  const provider: PaymentProvider = {
    name: sandbox.name,
    authorize: (i) => (calls.push('authorize'), sandbox.authorize(i)),
    capture: (r, a) => (calls.push('capture'), sandbox.capture(r, a)),
    void: (r) => (calls.push('void'), sandbox.void(r)),
    refund: (r, a, id) => (calls.push('refund'), sandbox.refund(r, a, id)),
    parseWebhook: (b, h) => sandbox.parseWebhook(b, h),
  };
  return { provider, calls };
}

let store: MemoryStore;
let calls: string[];
let payments: Payments;
let n = 0;
const ctx = { correlationId: 'corr-1' };

beforeEach(() => {
  store = new MemoryStore();
  const sandbox = countingSandbox();
  calls = sandbox.calls;
  payments = new Payments({
    store,
    provider: (name) =>
      name === 'sandbox'
        ? Promise.resolve(sandbox.provider)
        : Promise.reject(new Error('stripe is not configured here')),
    allowedProviders: ['sandbox', 'stripe'],
    defaultProvider: 'sandbox',
  });
});

function authorizeRequest(token: string, overrides: Record<string, unknown> = {}) {
  n++;
  return {
    paymentId: `pay-${n}`,
    orderId: `ord-${n}`,
    amount: 2599,
    currency: 'EUR',
    paymentMethodToken: token,
    ...overrides,
  };
}

describe('authorize', () => {
  it('records the answer with its event, and a repeat answers the same without calling the gateway', async () => {
    const request = authorizeRequest(SANDBOX_TOKENS.approve);
    const first = await payments.authorize(request, ctx);
    expect(first.payment).toMatchObject({
      status: 'authorized',
      authorizedAmount: 2599,
      provider: 'sandbox',
    });
    expect(first.payment).not.toHaveProperty('appliedEventIds');
    expect(await payments.authorize(request, ctx)).toEqual(first);
    expect(calls).toEqual(['authorize']);
    expect(store.types()).toEqual(['payment.authorized']);
  });

  it('answers declines and failures as failed payments, announced once', async () => {
    const declined = await payments.authorize(authorizeRequest(SANDBOX_TOKENS.insufficientFunds), ctx);
    expect(declined.payment).toMatchObject({ status: 'failed', failureCode: 'insufficient_funds' });
    const failed = await payments.authorize(authorizeRequest(SANDBOX_TOKENS.processingError), ctx);
    expect(failed.payment).toMatchObject({ status: 'failed', failureCode: 'processing_error' });
    expect(store.types()).toEqual(['payment.failed', 'payment.failed']);
    const data = store.outbox.map((e) => (JSON.parse(e.detail) as { data: { declined: boolean } }).data);
    expect(data.map((d) => d.declined)).toEqual([true, false]);
  });

  it('refuses the same payment id with other details', async () => {
    const request = authorizeRequest(SANDBOX_TOKENS.approve);
    await payments.authorize(request, ctx);
    await expect(payments.authorize({ ...request, amount: 1 }, ctx)).rejects.toMatchObject({
      status: 409,
      problemType: 'payment-idempotency-conflict',
    });
  });

  it('leaves the payment pending when the gateway is down, and asks again on a retry', async () => {
    const request = authorizeRequest(SANDBOX_TOKENS.gatewayUnavailable);
    await expect(payments.authorize(request, ctx)).rejects.toMatchObject({ status: 503 });
    expect((await store.get(request.paymentId))?.payment.status).toBe('pending');
    await expect(payments.authorize(request, ctx)).rejects.toMatchObject({ status: 503 });
    expect(calls).toEqual(['authorize', 'authorize']);
  });

  it('refuses a provider that is not configured before storing anything', async () => {
    const request = authorizeRequest('pm_card_visa', { provider: 'stripe' });
    await expect(payments.authorize(request, ctx)).rejects.toThrow('not configured');
    expect(store.payments.size).toBe(0);
  });

  it('keeps the next action of requires_action for a repeat', async () => {
    const request = authorizeRequest(SANDBOX_TOKENS.requiresAction);
    const first = await payments.authorize(request, ctx);
    expect(first).toMatchObject({ payment: { status: 'requires_action' }, nextAction: { type: 'redirect' } });
    expect(await payments.authorize(request, ctx)).toEqual(first);
    expect(calls).toEqual(['authorize']);
  });
});

describe('on a stage that allows real gateways only (prod)', () => {
  let providerCalls: string[];
  let prod: Payments;
  beforeEach(() => {
    providerCalls = [];
    const sandbox = countingSandbox();
    prod = new Payments({
      store,
      provider: (name) => {
        providerCalls.push(name);
        return Promise.resolve(sandbox.provider);
      },
      allowedProviders: ['stripe'],
      defaultProvider: 'stripe',
    });
  });

  it('refuses to authorize through the sandbox with 422 payment-provider-not-allowed, touching nothing', async () => {
    const request = authorizeRequest(SANDBOX_TOKENS.approve, { provider: 'sandbox' });
    await expect(prod.authorize(request, ctx)).rejects.toMatchObject({
      status: 422,
      problemType: 'payment-provider-not-allowed',
      errors: [{ in: 'body', pointer: '/provider', detail: 'Must be one of stripe.' }],
    });
    expect(store.payments.size).toBe(0);
    expect(providerCalls).toEqual([]);
  });

  it('refuses a sandbox webhook before the gateway verifies or anything is read', async () => {
    const delivery = sandboxWebhook(
      { id: 'evt-p', type: 'payment.voided', providerRef: 'sbx_pi_x_1', paymentId: 'pay-x' },
      SECRET,
    );
    await expect(prod.handleWebhook('sandbox', delivery.body, delivery.headers, 'c')).rejects.toMatchObject({
      status: 422,
      problemType: 'payment-provider-not-allowed',
      errors: [{ in: 'path', pointer: '/provider' }],
    });
    expect(providerCalls).toEqual([]);
  });

  it('takes an authorize that names no gateway through the stage default, not the sandbox', async () => {
    // The stub hands the sandbox adapter out under any name: what matters is the name asked for and recorded.
    const { payment } = await prod.authorize(authorizeRequest(SANDBOX_TOKENS.approve), ctx);
    expect(providerCalls).toEqual(['stripe']);
    expect(payment.provider).toBe('stripe');
  });

  it('cannot be built with a default outside the allowed gateways', () => {
    expect(
      () =>
        new Payments({
          store,
          provider: () => Promise.reject(new Error('unused')),
          allowedProviders: ['stripe'],
          defaultProvider: 'sandbox',
        }),
    ).toThrow(/not an allowed provider/);
  });
});

describe('capture, void, refund', () => {
  it('captures, refunds in parts up to the capture, and repeats answer the stored result', async () => {
    const { payment } = await payments.authorize(authorizeRequest(SANDBOX_TOKENS.approve), ctx);
    const captured = await payments.capture({ paymentId: payment.id }, ctx);
    expect(captured.payment).toMatchObject({ status: 'captured', capturedAmount: 2599 });
    expect(await payments.capture({ paymentId: payment.id }, ctx)).toEqual(captured);
    const refunded = await payments.refund({ paymentId: payment.id, amount: 1000, refundId: 'r1' }, ctx);
    expect(refunded.payment).toMatchObject({ status: 'partially_refunded', refundedAmount: 1000 });
    expect(await payments.refund({ paymentId: payment.id, amount: 1000, refundId: 'r1' }, ctx)).toEqual(
      refunded,
    );
    await expect(
      payments.refund({ paymentId: payment.id, amount: 999, refundId: 'r1' }, ctx),
    ).rejects.toMatchObject({ status: 409, problemType: 'refund-id-reused' });
    await expect(
      payments.refund({ paymentId: payment.id, amount: 1600, refundId: 'r2' }, ctx),
    ).rejects.toMatchObject({ status: 422, problemType: 'refund-exceeds-captured' });
    const rest = await payments.refund({ paymentId: payment.id, amount: 1599, refundId: 'r3' }, ctx);
    expect(rest.payment).toMatchObject({ status: 'refunded', refundedAmount: 2599 });
    expect(calls).toEqual(['authorize', 'capture', 'refund', 'refund']);
    expect(store.types()).toEqual([
      'payment.authorized',
      'payment.captured',
      'payment.refunded',
      'payment.refunded',
    ]);
  });

  it('voids an authorization once and refuses to capture it afterwards', async () => {
    const { payment } = await payments.authorize(authorizeRequest(SANDBOX_TOKENS.approve), ctx);
    expect((await payments.void({ paymentId: payment.id }, ctx)).payment.status).toBe('voided');
    expect((await payments.void({ paymentId: payment.id }, ctx)).payment.status).toBe('voided');
    await expect(payments.capture({ paymentId: payment.id }, ctx)).rejects.toMatchObject({
      status: 422,
      problemType: 'illegal-transition',
    });
    expect(calls).toEqual(['authorize', 'void']);
  });

  it('reads and applies again after a jittered pause when another writer won, then answers 409', async () => {
    const { payment } = await payments.authorize(authorizeRequest(SANDBOX_TOKENS.approve), ctx);
    store.lostRaces = 2;
    expect((await payments.void({ paymentId: payment.id }, ctx)).payment.status).toBe('voided');
    expect(store.lostRaces).toBe(0);
    const other = await payments.authorize(authorizeRequest(SANDBOX_TOKENS.approve), ctx);
    store.lostRaces = 99;
    await expect(payments.void({ paymentId: other.payment.id }, ctx)).rejects.toMatchObject({
      status: 409,
      problemType: 'payment-contention',
    });
    expect(store.lostRaces).toBe(94);
    expect((await store.get(other.payment.id))?.payment.status).toBe('authorized');
    expect(store.types()).toEqual(['payment.authorized', 'payment.voided', 'payment.authorized']);
  });

  it('answers 404 for an unknown payment and refuses a capture above the authorization', async () => {
    await expect(payments.capture({ paymentId: 'nope' }, ctx)).rejects.toMatchObject({ status: 404 });
    const { payment } = await payments.authorize(authorizeRequest(SANDBOX_TOKENS.approve), ctx);
    await expect(payments.capture({ paymentId: payment.id, amount: 3000 }, ctx)).rejects.toMatchObject({
      status: 422,
      problemType: 'capture-amount-invalid',
    });
  });
});

describe('webhooks', () => {
  it('complete a requires_action payment once; a redelivery and a tampered delivery change nothing', async () => {
    const { payment } = await payments.authorize(authorizeRequest(SANDBOX_TOKENS.requiresAction), ctx);
    const delivery = sandboxWebhook(
      {
        id: 'evt-1',
        type: 'payment.authorized',
        providerRef: payment.providerRef!,
        amount: 2599,
        currency: 'EUR',
        paymentId: payment.id,
      },
      SECRET,
    );
    expect(await payments.handleWebhook('sandbox', delivery.body, delivery.headers, 'c')).toEqual({
      eventId: 'evt-1',
      outcome: 'applied',
      paymentId: payment.id,
    });
    expect((await payments.handleWebhook('sandbox', delivery.body, delivery.headers, 'c')).outcome).toBe(
      'duplicate',
    );
    await expect(
      payments.handleWebhook('sandbox', delivery.body.replace('2599', '9999'), delivery.headers, 'c'),
    ).rejects.toMatchObject({ status: 401 });
    expect((await store.get(payment.id))?.payment).toMatchObject({ status: 'authorized', version: 3 });
    expect(store.types()).toEqual(['payment.requires_action', 'payment.authorized']);
    const causation = JSON.parse(store.outbox[1]!.detail) as { metadata: { causationId: string } };
    expect(causation.metadata.causationId).toBe('evt-1');
  });

  it('finds the payment by the gateway reference, defers a refund before its capture, ignores strangers', async () => {
    const { payment } = await payments.authorize(authorizeRequest(SANDBOX_TOKENS.approve), ctx);
    const refund = sandboxWebhook(
      { type: 'payment.refunded', providerRef: payment.providerRef!, amount: 100, currency: 'EUR' },
      SECRET,
    );
    await expect(payments.handleWebhook('sandbox', refund.body, refund.headers, 'c')).rejects.toBeInstanceOf(
      WebhookDeferredError,
    );
    const capture = sandboxWebhook(
      { type: 'payment.captured', providerRef: payment.providerRef!, amount: 2599, currency: 'EUR' },
      SECRET,
    );
    expect((await payments.handleWebhook('sandbox', capture.body, capture.headers, 'c')).outcome).toBe(
      'applied',
    );
    expect((await payments.handleWebhook('sandbox', refund.body, refund.headers, 'c')).outcome).toBe(
      'applied',
    );
    expect((await store.get(payment.id))?.payment).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: 100,
    });
    const stranger = sandboxWebhook({ type: 'payment.voided', providerRef: 'sbx_pi_unknown_1' }, SECRET);
    expect((await payments.handleWebhook('sandbox', stranger.body, stranger.headers, 'c')).outcome).toBe(
      'unknown_payment',
    );
  });
});

describe('a cancelled order', () => {
  it('refunds what is due once, whatever the redeliveries', async () => {
    const { payment } = await payments.authorize(authorizeRequest(SANDBOX_TOKENS.approve), ctx);
    await payments.capture({ paymentId: payment.id }, ctx);
    const order = { orderId: payment.orderId, paymentId: payment.id, refundDue: 2599 };
    const first = await payments.settleCancelledOrder(order, ctx);
    expect(first).toMatchObject({ kind: 'refunded', payment: { status: 'refunded', refundedAmount: 2599 } });
    expect(await payments.settleCancelledOrder(order, ctx)).toEqual({ kind: 'nothing' });
    expect(calls).toEqual(['authorize', 'capture', 'refund']);
    expect(store.types()).toEqual(['payment.authorized', 'payment.captured', 'payment.refunded']);
  });

  it('voids an open authorization and leaves a missing payment alone', async () => {
    const { payment } = await payments.authorize(authorizeRequest(SANDBOX_TOKENS.approve), ctx);
    const order = { orderId: payment.orderId, paymentId: payment.id, refundDue: 0 };
    expect(await payments.settleCancelledOrder(order, ctx)).toMatchObject({
      kind: 'voided',
      payment: { status: 'voided' },
    });
    expect(
      await payments.settleCancelledOrder({ orderId: 'ord-x', paymentId: null, refundDue: 0 }, ctx),
    ).toEqual({ kind: 'nothing' });
    expect(
      await payments.settleCancelledOrder({ orderId: 'ord-x', paymentId: 'pay-none', refundDue: 0 }, ctx),
    ).toEqual({ kind: 'nothing' });
    expect(calls).toEqual(['authorize', 'void']);
  });

  it('asks for an operator when the payment and the order disagree, without calling the gateway', async () => {
    const { payment } = await payments.authorize(authorizeRequest(SANDBOX_TOKENS.approve), ctx);
    await payments.capture({ paymentId: payment.id }, ctx);
    const nothingDue = { orderId: payment.orderId, paymentId: payment.id, refundDue: 0 };
    expect(await payments.settleCancelledOrder(nothingDue, ctx)).toMatchObject({ kind: 'operator' });
    const otherOrder = { orderId: 'ord-other', paymentId: payment.id, refundDue: 100 };
    expect(await payments.settleCancelledOrder(otherOrder, ctx)).toMatchObject({ kind: 'operator' });
    expect(calls).toEqual(['authorize', 'capture']);
  });
});

describe('gateways', () => {
  const env = {
    STAGE: 'dev',
    PAYMENT_PROVIDERS: ['sandbox' as const, 'stripe' as const],
    PAYMENT_PROVIDER: 'sandbox' as const,
  };

  it('refuse a provider without its secrets with 422 payment-provider-unavailable', async () => {
    await expect(buildProvider('sandbox', {}, env)).rejects.toThrow(
      expect.objectContaining({ status: 422, problemType: 'payment-provider-unavailable' }),
    );
    await expect(buildProvider('stripe', { stripeApiKey: 'sk_test_x' }, env)).rejects.toThrow(
      expect.objectContaining({ status: 422 }),
    );
    expect(
      (await buildProvider('stripe', { stripeApiKey: 'sk_test_x', stripeWebhookSecret: 'whsec_x' }, env))
        .name,
    ).toBe('stripe');
  });

  it('read the allowed gateways from the environment and refuse an unknown one', () => {
    const base = { STAGE: 'prod', PAYMENT_PROVIDER: 'stripe' };
    expect(gatewayEnvSchema.parse({ ...base, PAYMENT_PROVIDERS: 'stripe' }).PAYMENT_PROVIDERS).toEqual([
      'stripe',
    ]);
    expect(
      gatewayEnvSchema.parse({ ...base, PAYMENT_PROVIDERS: 'sandbox, stripe' }).PAYMENT_PROVIDERS,
    ).toEqual(['sandbox', 'stripe']);
    expect(gatewayEnvSchema.safeParse({ ...base, PAYMENT_PROVIDERS: 'stripe,paypal' }).success).toBe(false);
    expect(gatewayEnvSchema.safeParse(base).success).toBe(false);
  });

  it('use the fixed sandbox secret on the local stage only, and build each provider once', async () => {
    const local = providerRegistry({ ...env, STAGE: 'local' });
    const sandbox = await local('sandbox');
    expect(await local('sandbox')).toBe(sandbox);
    await expect(providerRegistry(env)('sandbox')).rejects.toMatchObject({ status: 422 });
  });
});
