import { PaymentAuthorized } from '@commerce/events';
import { ConflictError, ValidationError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  assertRefundable,
  canTransition,
  IllegalPaymentTransitionError,
  newPayment,
  PAYMENT_STATUSES,
  recordAuthorization,
  recordCapture,
  recordRefund,
  recordVoid,
  refundableAmount,
  type Payment,
} from '../../../functions/payment/domain/payment.ts';
import {
  applyWebhookEvent,
  MAX_REMEMBERED_EVENT_IDS,
} from '../../../functions/payment/domain/payment-webhook.ts';
import type { PaymentWebhookEvent } from '../../../functions/payment/domain/provider.ts';

const ctx = { at: new Date('2026-03-01T10:00:00.000Z') };
const later = { at: new Date('2026-03-01T10:05:00.000Z') };
const REF = 'pi_test_1';

function pending(amount = 10_000): Payment {
  return newPayment({ id: 'pay_1', orderId: 'ord_1', provider: 'stripe', amount, currency: 'EUR' }, ctx);
}

function authorized(amount = 10_000): Payment {
  return recordAuthorization(
    pending(amount),
    { status: 'authorized', providerRef: REF, authorizedAmount: amount },
    ctx,
  ).payment;
}

function captured(amount = 10_000): Payment {
  return recordCapture(authorized(amount), amount, ctx).payment;
}

function webhook(
  type: PaymentWebhookEvent['type'],
  fields: Partial<PaymentWebhookEvent> = {},
): PaymentWebhookEvent {
  return { id: `evt_${type}`, type, providerRef: REF, occurredAt: ctx.at.toISOString(), ...fields };
}

describe('a new payment', () => {
  it('starts pending with nothing authorized, captured or refunded', () => {
    const payment = pending();
    expect(payment).toMatchObject({
      status: 'pending',
      amount: 10_000,
      currency: 'EUR',
      authorizedAmount: 0,
      capturedAmount: 0,
      refundedAmount: 0,
      refunds: [],
      appliedEventIds: [],
      version: 1,
    });
    expect(payment.providerRef).toBeUndefined();
  });

  it('refuses an amount that is not a positive integer of minor units, and a currency that is not ISO', () => {
    const attempt = () =>
      newPayment({ id: 'p', orderId: 'o', provider: 'sandbox', amount: 10.5, currency: 'eur' }, ctx);
    expect(attempt).toThrow(ValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ValidationError).errors.map((e) => e.pointer)).toEqual(['/amount', '/currency']);
    }
    expect(() =>
      newPayment({ id: 'p', orderId: 'o', provider: 'sandbox', amount: 0, currency: 'EUR' }, ctx),
    ).toThrow(ValidationError);
  });
});

describe('the transition table', () => {
  it('lets nothing leave refunded or voided', () => {
    expect(allowedTransitions('refunded')).toEqual([]);
    expect(allowedTransitions('voided')).toEqual([]);
  });

  it('never moves a payment back along the line', () => {
    expect(canTransition('captured', 'authorized')).toBe(false);
    expect(canTransition('authorized', 'requires_action')).toBe(false);
    expect(canTransition('partially_refunded', 'captured')).toBe(false);
    expect(canTransition('authorized', 'failed')).toBe(false);
  });

  it('lets the gateway report money that moved after a failed attempt', () => {
    expect(canTransition('failed', 'authorized')).toBe(true);
    expect(canTransition('failed', 'captured')).toBe(true);
    expect(canTransition('failed', 'voided')).toBe(false);
  });

  it('knows every status', () => {
    for (const status of PAYMENT_STATUSES) expect(Array.isArray(allowedTransitions(status))).toBe(true);
  });
});

describe('recordAuthorization', () => {
  it('pending → authorized, announcing the amount held', () => {
    const { payment, events, changed } = recordAuthorization(
      pending(),
      { status: 'authorized', providerRef: REF, authorizedAmount: 10_000 },
      later,
    );
    expect(changed).toBe(true);
    expect(payment).toMatchObject({
      status: 'authorized',
      providerRef: REF,
      authorizedAmount: 10_000,
      version: 2,
    });
    expect(payment.updatedAt).toBe(later.at.toISOString());
    expect(events).toEqual([
      {
        event: PaymentAuthorized,
        data: {
          paymentId: 'pay_1',
          orderId: 'ord_1',
          provider: 'stripe',
          providerRef: REF,
          currency: 'EUR',
          amount: 10_000,
        },
      },
    ]);
  });

  it('pending → requires_action', () => {
    const { payment, events } = recordAuthorization(
      pending(),
      {
        status: 'requires_action',
        providerRef: REF,
        nextAction: { type: 'redirect', url: 'https://3ds.example' },
      },
      ctx,
    );
    expect(payment.status).toBe('requires_action');
    expect(events.map((e) => e.event.detailType)).toEqual(['payment.requires_action']);
  });

  it('pending → failed for a decline and for a processing failure, telling them apart', () => {
    const declined = recordAuthorization(
      pending(),
      { status: 'declined', providerRef: REF, declineCode: 'insufficient_funds' },
      ctx,
    );
    expect(declined.payment).toMatchObject({ status: 'failed', failureCode: 'insufficient_funds' });
    expect(declined.events[0]).toMatchObject({
      event: { detailType: 'payment.failed' },
      data: { failureCode: 'insufficient_funds', declined: true },
    });
    const failed = recordAuthorization(pending(), { status: 'failed', declineCode: 'processing_error' }, ctx);
    expect(failed.payment.providerRef).toBeUndefined();
    expect(failed.events[0]).toMatchObject({ data: { failureCode: 'processing_error', declined: false } });
  });

  it('refuses an authorization for less than the payment', () => {
    expect(() =>
      recordAuthorization(
        pending(),
        { status: 'authorized', providerRef: REF, authorizedAmount: 9_999 },
        ctx,
      ),
    ).toThrow(expect.objectContaining({ problemType: 'payment-amount-mismatch' }));
  });

  it('changes nothing when the same attempt is recorded after a webhook moved the payment on', () => {
    const alreadyCaptured = captured();
    const again = recordAuthorization(
      alreadyCaptured,
      { status: 'authorized', providerRef: REF, authorizedAmount: 10_000 },
      later,
    );
    expect(again).toEqual({ payment: alreadyCaptured, events: [], changed: false });
  });

  it('refuses another attempt on a payment that is no longer pending', () => {
    expect(() =>
      recordAuthorization(
        authorized(),
        { status: 'authorized', providerRef: 'pi_other', authorizedAmount: 1 },
        ctx,
      ),
    ).toThrow(IllegalPaymentTransitionError);
  });
});

describe('recordCapture', () => {
  it('captures all or part of the authorization and announces what was captured', () => {
    const full = recordCapture(authorized(), 10_000, ctx);
    expect(full.payment).toMatchObject({ status: 'captured', capturedAmount: 10_000 });
    expect(full.events).toHaveLength(1);
    expect(full.events[0]).toMatchObject({
      event: { detailType: 'payment.captured' },
      data: { amount: 10_000 },
    });
    expect(recordCapture(authorized(), 4_000, ctx).payment.capturedAmount).toBe(4_000);
  });

  it('refuses more than authorized, nothing, and a capture before authorization', () => {
    expect(() => recordCapture(authorized(), 10_001, ctx)).toThrow(
      expect.objectContaining({ problemType: 'capture-amount-invalid' }),
    );
    expect(() => recordCapture(authorized(), 0, ctx)).toThrow(
      expect.objectContaining({ problemType: 'capture-amount-invalid' }),
    );
    expect(() => recordCapture(pending(), 10_000, ctx)).toThrow(
      expect.objectContaining({ problemType: 'illegal-transition', from: 'pending', to: 'captured' }),
    );
  });

  it('changes nothing when the same capture is recorded twice', () => {
    const once = captured();
    expect(recordCapture(once, 10_000, later)).toEqual({ payment: once, events: [], changed: false });
    expect(() => recordCapture(once, 5_000, later)).toThrow(IllegalPaymentTransitionError);
  });
});

describe('recordVoid', () => {
  it('releases an authorization, or one still waiting for the customer', () => {
    const voided = recordVoid(authorized(), ctx);
    expect(voided.payment.status).toBe('voided');
    expect(voided.events.map((e) => e.event.detailType)).toEqual(['payment.voided']);
    const waiting = recordAuthorization(
      pending(),
      { status: 'requires_action', providerRef: REF },
      ctx,
    ).payment;
    expect(recordVoid(waiting, ctx).payment.status).toBe('voided');
  });

  it('refuses to void captured money or a payment the gateway never answered, and voids once', () => {
    expect(() => recordVoid(captured(), ctx)).toThrow(IllegalPaymentTransitionError);
    expect(() => recordVoid(pending(), ctx)).toThrow(IllegalPaymentTransitionError);
    const voided = recordVoid(authorized(), ctx).payment;
    expect(recordVoid(voided, later).changed).toBe(false);
  });
});

describe('recordRefund', () => {
  it('accumulates partial refunds up to the captured amount', () => {
    const first = recordRefund(captured(), { id: 'ref_1', amount: 3_000, providerRefundRef: 're_1' }, ctx);
    expect(first.payment).toMatchObject({ status: 'partially_refunded', refundedAmount: 3_000 });
    expect(first.events).toHaveLength(1);
    expect(first.events[0]).toMatchObject({
      event: { detailType: 'payment.refunded' },
      data: { amount: 3_000, refundedAmount: 3_000, capturedAmount: 10_000, full: false, refundId: 'ref_1' },
    });
    expect(refundableAmount(first.payment)).toBe(7_000);

    const second = recordRefund(first.payment, { id: 'ref_2', amount: 7_000 }, later);
    expect(second.payment).toMatchObject({ status: 'refunded', refundedAmount: 10_000 });
    expect(second.payment.refunds.map((r) => r.id)).toEqual(['ref_1', 'ref_2']);
    expect(second.events[0]).toMatchObject({ data: { amount: 7_000, refundedAmount: 10_000, full: true } });
    expect(refundableAmount(second.payment)).toBe(0);
  });

  it('refuses a refund beyond what is left, of nothing, and of money not captured', () => {
    const partly = recordRefund(captured(), { id: 'ref_1', amount: 6_000 }, ctx).payment;
    expect(() => recordRefund(partly, { id: 'ref_2', amount: 4_001 }, ctx)).toThrow(
      expect.objectContaining({ problemType: 'refund-exceeds-captured' }),
    );
    expect(() => assertRefundable(partly, 0)).toThrow(
      expect.objectContaining({ problemType: 'refund-amount-invalid' }),
    );
    expect(() => recordRefund(authorized(), { id: 'ref_1', amount: 1 }, ctx)).toThrow(
      IllegalPaymentTransitionError,
    );
    const full = recordRefund(captured(), { id: 'ref_1', amount: 10_000 }, ctx).payment;
    expect(() => recordRefund(full, { id: 'ref_2', amount: 1 }, ctx)).toThrow(IllegalPaymentTransitionError);
  });

  it('is idempotent on the refund id, and refuses the same id for another amount', () => {
    const once = recordRefund(captured(), { id: 'ref_1', amount: 2_000 }, ctx).payment;
    expect(recordRefund(once, { id: 'ref_1', amount: 2_000 }, later)).toEqual({
      payment: once,
      events: [],
      changed: false,
    });
    expect(() => recordRefund(once, { id: 'ref_1', amount: 2_500 }, later)).toThrow(ConflictError);
  });
});

describe('applyWebhookEvent', () => {
  it('completes requires_action when the customer passed 3-D Secure', () => {
    const waiting = recordAuthorization(
      pending(),
      { status: 'requires_action', providerRef: REF },
      ctx,
    ).payment;
    const result = applyWebhookEvent(
      waiting,
      webhook('payment.authorized', { amount: 10_000, currency: 'EUR' }),
      later,
    );
    expect(result.outcome).toBe('applied');
    expect(result.payment).toMatchObject({
      status: 'authorized',
      authorizedAmount: 10_000,
      appliedEventIds: ['evt_payment.authorized'],
    });
    expect(result.events.map((e) => e.event.detailType)).toEqual(['payment.authorized']);
  });

  it('fails requires_action when the customer did not', () => {
    const waiting = recordAuthorization(
      pending(),
      { status: 'requires_action', providerRef: REF },
      ctx,
    ).payment;
    const result = applyWebhookEvent(
      waiting,
      webhook('payment.failed', { failureCode: 'authentication_required' }),
      later,
    );
    expect(result.payment).toMatchObject({ status: 'failed', failureCode: 'authentication_required' });
    expect(result.events[0]).toMatchObject({
      event: { detailType: 'payment.failed' },
      data: { failureCode: 'authentication_required' },
    });
  });

  it('applies an event id once: a redelivery has no effect', () => {
    const waiting = recordAuthorization(
      pending(),
      { status: 'requires_action', providerRef: REF },
      ctx,
    ).payment;
    const event = webhook('payment.authorized', { amount: 10_000 });
    const first = applyWebhookEvent(waiting, event, later);
    const second = applyWebhookEvent(first.payment, event, later);
    expect(second).toEqual({ payment: first.payment, events: [], changed: false, outcome: 'duplicate' });
  });

  it('finds a webhook that beat the authorize answer: pending takes the providerRef from it', () => {
    const result = applyWebhookEvent(pending(), webhook('payment.authorized', { amount: 10_000 }), ctx);
    expect(result.payment).toMatchObject({ status: 'authorized', providerRef: REF });
    // The authorize answer arriving afterwards changes nothing.
    const answer = recordAuthorization(
      result.payment,
      { status: 'authorized', providerRef: REF, authorizedAmount: 10_000 },
      later,
    );
    expect(answer.changed).toBe(false);
  });

  it('accepts a capture that overtook the authorization, announcing both', () => {
    const result = applyWebhookEvent(pending(), webhook('payment.captured', { amount: 10_000 }), ctx);
    expect(result.payment).toMatchObject({
      status: 'captured',
      authorizedAmount: 10_000,
      capturedAmount: 10_000,
    });
    expect(result.events.map((e) => e.event.detailType)).toEqual(['payment.authorized', 'payment.captured']);
  });

  it('treats an event the payment is already past as stale', () => {
    const result = applyWebhookEvent(captured(), webhook('payment.authorized', { amount: 10_000 }), later);
    expect(result.outcome).toBe('stale');
    expect(result.changed).toBe(false);
    expect(
      applyWebhookEvent(captured(), webhook('payment.captured', { amount: 10_000 }), later).outcome,
    ).toBe('stale');
    expect(
      applyWebhookEvent(recordVoid(authorized(), ctx).payment, webhook('payment.failed'), later).outcome,
    ).toBe('stale');
  });

  it('treats an authorization or a capture of nothing as stale: no money moved', () => {
    expect(applyWebhookEvent(pending(), webhook('payment.captured', { amount: 0 }), ctx).outcome).toBe(
      'stale',
    );
    expect(applyWebhookEvent(pending(), webhook('payment.authorized', { amount: 0 }), ctx).outcome).toBe(
      'stale',
    );
  });

  it('defers a refund reported before the capture, so the gateway delivers it again later', () => {
    const result = applyWebhookEvent(authorized(), webhook('payment.refunded', { amount: 1_000 }), later);
    expect(result).toMatchObject({ outcome: 'deferred', changed: false, events: [] });
    expect(result.payment.appliedEventIds).toEqual([]);
  });

  it('voids an authorization the gateway let expire', () => {
    const result = applyWebhookEvent(authorized(), webhook('payment.voided'), later);
    expect(result.payment.status).toBe('voided');
    expect(result.events.map((e) => e.event.detailType)).toEqual(['payment.voided']);
  });

  it('does not count our refund twice when its webhook comes after our record', () => {
    const refunded = recordRefund(captured(), { id: 'ref_1', amount: 3_000 }, ctx).payment;
    const result = applyWebhookEvent(refunded, webhook('payment.refunded', { amount: 3_000 }), later);
    expect(result.outcome).toBe('stale');
    expect(result.payment.refundedAmount).toBe(3_000);
  });

  it('does not count our refund twice when its webhook comes before our record', () => {
    const reported = applyWebhookEvent(captured(), webhook('payment.refunded', { amount: 3_000 }), ctx);
    expect(reported.payment).toMatchObject({ status: 'partially_refunded', refundedAmount: 3_000 });
    expect(reported.events[0]).toMatchObject({
      event: { detailType: 'payment.refunded' },
      data: { amount: 3_000 },
    });
    expect(reported.events[0]?.data).not.toHaveProperty('refundId');

    const recorded = recordRefund(reported.payment, { id: 'ref_1', amount: 3_000 }, later);
    expect(recorded.payment.refundedAmount).toBe(3_000);
    expect(recorded.payment.refunds).toHaveLength(1);
    expect(recorded.events).toEqual([]);
  });

  it('takes in a refund made in the gateway dashboard from the cumulative total', () => {
    const ours = recordRefund(captured(), { id: 'ref_1', amount: 2_000 }, ctx).payment;
    const both = applyWebhookEvent(ours, webhook('payment.refunded', { id: 'evt_2', amount: 10_000 }), later);
    expect(both.payment).toMatchObject({ status: 'refunded', refundedAmount: 10_000 });
    expect(both.events[0]).toMatchObject({ data: { amount: 8_000, refundedAmount: 10_000, full: true } });
  });

  it('refuses an event about another payment, in another currency, or refunding more than was captured', () => {
    expect(() =>
      applyWebhookEvent(authorized(), webhook('payment.captured', { providerRef: 'pi_other' }), ctx),
    ).toThrow(expect.objectContaining({ problemType: 'webhook-payment-mismatch' }));
    expect(() =>
      applyWebhookEvent(authorized(), webhook('payment.captured', { amount: 10_000, currency: 'USD' }), ctx),
    ).toThrow(expect.objectContaining({ problemType: 'currency-mismatch' }));
    expect(() => applyWebhookEvent(captured(), webhook('payment.refunded', { amount: 10_001 }), ctx)).toThrow(
      expect.objectContaining({ problemType: 'refund-exceeds-captured' }),
    );
  });

  it('remembers only the newest event ids', () => {
    let payment = captured(1_000_000);
    for (let i = 1; i <= MAX_REMEMBERED_EVENT_IDS + 5; i++) {
      payment = applyWebhookEvent(
        payment,
        webhook('payment.refunded', { id: `evt_${i}`, amount: i }),
        ctx,
      ).payment;
    }
    expect(payment.appliedEventIds).toHaveLength(MAX_REMEMBERED_EVENT_IDS);
    expect(payment.appliedEventIds.at(-1)).toBe(`evt_${MAX_REMEMBERED_EVENT_IDS + 5}`);
    expect(payment.appliedEventIds[0]).toBe('evt_6');
  });
});
