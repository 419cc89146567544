import { createHmac } from 'node:crypto';
import { NotFoundError, UnauthorizedError, ValidationError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import { GatewayUnavailableError } from '../../../functions/payment/domain/errors.ts';
import type { AuthorizeInput } from '../../../functions/payment/domain/provider.ts';
import {
  SANDBOX_SIGNATURE_HEADER,
  SANDBOX_TOKENS,
  SandboxProvider,
  sandboxPaymentRef,
  sandboxWebhook,
} from '../../../functions/payment/providers/sandbox.ts';

const SECRET = 'sandbox-test-secret';
const NOW = new Date('2026-03-01T10:00:00.000Z');
const provider = new SandboxProvider({ webhookSecret: SECRET, now: () => NOW });

function input(paymentMethodToken: string, fields: Partial<AuthorizeInput> = {}): AuthorizeInput {
  return {
    paymentId: 'pay_sbx_1',
    amount: 2_599,
    currency: 'EUR',
    paymentMethodToken,
    metadata: { orderId: 'ord_1' },
    ...fields,
  };
}

describe('sandbox authorize', () => {
  it('approves tok_sandbox_approve and holds the whole amount', async () => {
    const result = await provider.authorize(input(SANDBOX_TOKENS.approve));
    expect(result).toEqual({
      status: 'authorized',
      providerRef: sandboxPaymentRef('pay_sbx_1', 2_599),
      authorizedAmount: 2_599,
    });
    expect(result.providerRef).toMatch(/^sbx_pi_[0-9a-f-]{36}_2599$/);
  });

  it('declines tok_sandbox_decline with card_declined', async () => {
    await expect(provider.authorize(input(SANDBOX_TOKENS.decline))).resolves.toMatchObject({
      status: 'declined',
      declineCode: 'card_declined',
    });
  });

  it('declines tok_sandbox_insufficient_funds with insufficient_funds', async () => {
    await expect(provider.authorize(input(SANDBOX_TOKENS.insufficientFunds))).resolves.toMatchObject({
      status: 'declined',
      declineCode: 'insufficient_funds',
    });
  });

  it('fails tok_sandbox_processing_error with processing_error', async () => {
    await expect(provider.authorize(input(SANDBOX_TOKENS.processingError))).resolves.toMatchObject({
      status: 'failed',
      declineCode: 'processing_error',
    });
  });

  it('asks for an action on tok_sandbox_requires_action', async () => {
    const result = await provider.authorize(input(SANDBOX_TOKENS.requiresAction));
    expect(result).toMatchObject({ status: 'requires_action', nextAction: { type: 'redirect' } });
  });

  it('answers like a gateway that is down on tok_sandbox_gateway_unavailable', async () => {
    const outage = provider.authorize(input(SANDBOX_TOKENS.gatewayUnavailable));
    await expect(outage).rejects.toBeInstanceOf(GatewayUnavailableError);
    await expect(outage).rejects.toMatchObject({
      status: 503,
      problemType: 'payment-gateway-unavailable',
    });
  });

  it('refuses a token it does not know, and amounts that are not minor units', async () => {
    await expect(provider.authorize(input('4242424242424242'))).rejects.toThrow(ValidationError);
    await expect(provider.authorize(input(SANDBOX_TOKENS.approve, { amount: 10.5 }))).rejects.toThrow(
      ValidationError,
    );
  });

  it('gives the same answer to a retry with the same payment id, like an idempotency key', async () => {
    const first = await provider.authorize(input(SANDBOX_TOKENS.approve));
    const retry = await provider.authorize(input(SANDBOX_TOKENS.approve));
    const other = await provider.authorize(input(SANDBOX_TOKENS.approve, { paymentId: 'pay_sbx_2' }));
    expect(retry).toEqual(first);
    expect(other.providerRef).not.toBe(first.providerRef);
  });
});

describe('sandbox capture, void and refund', () => {
  const ref = sandboxPaymentRef('pay_sbx_1', 2_599);

  it('captures all that was authorized by default, or part of it', async () => {
    await expect(provider.capture(ref)).resolves.toEqual({ status: 'captured', capturedAmount: 2_599 });
    await expect(provider.capture(ref, 1_000)).resolves.toEqual({
      status: 'captured',
      capturedAmount: 1_000,
    });
  });

  it('refuses to capture more than was authorized, and a payment it never issued', async () => {
    await expect(provider.capture(ref, 2_600)).rejects.toMatchObject({
      problemType: 'capture-amount-invalid',
    });
    await expect(provider.capture('pi_not_sandbox')).rejects.toThrow(NotFoundError);
  });

  it('voids', async () => {
    await expect(provider.void(ref)).resolves.toEqual({ status: 'voided' });
  });

  it('refunds part of a payment, with a refund ref that follows the refund id', async () => {
    const first = await provider.refund(ref, 500, 'ref_1');
    expect(first).toMatchObject({ status: 'succeeded', refundedAmount: 500 });
    expect(first.providerRefundRef).toMatch(/^sbx_re_/);
    await expect(provider.refund(ref, 500, 'ref_1')).resolves.toEqual(first);
    expect((await provider.refund(ref, 500, 'ref_2')).providerRefundRef).not.toBe(first.providerRefundRef);
    await expect(provider.refund(ref, 2_600, 'ref_3')).rejects.toMatchObject({
      problemType: 'refund-amount-invalid',
    });
  });
});

describe('sandbox webhooks', () => {
  const providerRef = sandboxPaymentRef('pay_sbx_1', 2_599);

  it('completes requires_action: a signed payment.authorized parses into the normalized event', async () => {
    const delivery = sandboxWebhook(
      {
        type: 'payment.authorized',
        providerRef,
        amount: 2_599,
        currency: 'EUR',
        paymentId: 'pay_sbx_1',
        id: 'evt_1',
      },
      SECRET,
      { timestamp: NOW },
    );
    expect(delivery.headers[SANDBOX_SIGNATURE_HEADER]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    await expect(provider.parseWebhook(delivery.body, delivery.headers)).resolves.toEqual({
      id: 'evt_1',
      type: 'payment.authorized',
      providerRef,
      paymentId: 'pay_sbx_1',
      amount: 2_599,
      currency: 'EUR',
      occurredAt: NOW.toISOString(),
    });
  });

  it('reads the signature header in any case, as API Gateway may pass it', async () => {
    const delivery = sandboxWebhook(
      { type: 'payment.failed', providerRef, failureCode: 'authentication_required' },
      SECRET,
      {
        timestamp: NOW,
      },
    );
    const headers = { 'X-Sandbox-Signature': delivery.headers[SANDBOX_SIGNATURE_HEADER] };
    await expect(provider.parseWebhook(delivery.body, headers)).resolves.toMatchObject({
      type: 'payment.failed',
      failureCode: 'authentication_required',
    });
  });

  it('refuses a tampered body', async () => {
    const delivery = sandboxWebhook({ type: 'payment.captured', providerRef, amount: 2_599 }, SECRET, {
      timestamp: NOW,
    });
    const tampered = delivery.body.replace('2599', '1');
    expect(tampered).not.toBe(delivery.body);
    await expect(provider.parseWebhook(tampered, delivery.headers)).rejects.toThrow(UnauthorizedError);
  });

  it('refuses a body signed with another secret, and a delivery without a signature', async () => {
    const forged = sandboxWebhook({ type: 'payment.captured', providerRef }, 'another-secret', {
      timestamp: NOW,
    });
    await expect(provider.parseWebhook(forged.body, forged.headers)).rejects.toThrow(UnauthorizedError);
    await expect(provider.parseWebhook(forged.body, {})).rejects.toThrow(UnauthorizedError);
    await expect(provider.parseWebhook(forged.body, { [SANDBOX_SIGNATURE_HEADER]: 't=abc' })).rejects.toThrow(
      UnauthorizedError,
    );
  });

  it('refuses a delivery signed more than five minutes before or after now', async () => {
    const stale = sandboxWebhook({ type: 'payment.captured', providerRef }, SECRET, {
      timestamp: new Date(NOW.getTime() - 301_000),
    });
    await expect(provider.parseWebhook(stale.body, stale.headers)).rejects.toThrow(/tolerance/);
    const future = sandboxWebhook({ type: 'payment.captured', providerRef }, SECRET, {
      timestamp: new Date(NOW.getTime() + 301_000),
    });
    await expect(provider.parseWebhook(future.body, future.headers)).rejects.toThrow(UnauthorizedError);
    const recent = sandboxWebhook({ type: 'payment.captured', providerRef }, SECRET, {
      timestamp: new Date(NOW.getTime() - 299_000),
    });
    await expect(provider.parseWebhook(recent.body, recent.headers)).resolves.toMatchObject({
      type: 'payment.captured',
    });
  });

  it('ignores a signed event type it does not act on, and refuses a signed body it cannot read', async () => {
    const body = JSON.stringify({ id: 'evt_x', type: 'payment.disputed', created: NOW.getTime() / 1000 });
    const t = NOW.getTime() / 1000;
    const sign = (b: string) => `t=${t},v1=${createHmac('sha256', SECRET).update(`${t}.${b}`).digest('hex')}`;
    await expect(provider.parseWebhook(body, { [SANDBOX_SIGNATURE_HEADER]: sign(body) })).resolves.toEqual({
      id: 'evt_x',
      type: 'ignored',
      providerType: 'payment.disputed',
    });
    const noRef = JSON.stringify({ id: 'evt_y', type: 'payment.captured', created: t, data: {} });
    await expect(provider.parseWebhook(noRef, { [SANDBOX_SIGNATURE_HEADER]: sign(noRef) })).rejects.toThrow(
      ValidationError,
    );
    await expect(
      provider.parseWebhook('not json', { [SANDBOX_SIGNATURE_HEADER]: sign('not json') }),
    ).rejects.toThrow(ValidationError);
  });
});
