// Property-based tests of the payment state machine: whatever our commands and the gateway's webhooks do,
// in whatever order and however often, the amounts stay ordered and every refund is announced exactly once.
import { DomainError } from '@commerce/lambda-kit/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PaymentCaptured, PaymentRefunded, type DomainEvent } from '@commerce/events';
import {
  newPayment,
  recordAuthorization,
  recordCapture,
  recordRefund,
  recordVoid,
  type Payment,
  type PaymentTransition,
} from '../../../functions/payment/domain/payment.ts';
import type { PaymentEvent } from '../../../functions/payment/domain/payment-events.ts';
import { applyWebhookEvent } from '../../../functions/payment/domain/payment-webhook.ts';
import type {
  PaymentWebhookEvent,
  PaymentWebhookEventType,
} from '../../../functions/payment/domain/provider.ts';

const REF = 'pi_prop';
const AMOUNT = 10_000;
const ctx = { at: new Date('2026-03-01T10:00:00.000Z') };

type Step =
  | { readonly kind: 'authorize'; readonly outcome: 'authorized' | 'requires_action' | 'declined' }
  | { readonly kind: 'capture'; readonly amount: number }
  | { readonly kind: 'void' }
  | { readonly kind: 'refund'; readonly id: string; readonly amount: number }
  | {
      readonly kind: 'webhook';
      readonly id: string;
      readonly type: PaymentWebhookEventType;
      readonly amount: number | undefined;
    };

const amount = fc.integer({ min: 0, max: AMOUNT + 500 });
/** Mostly below what is left to refund, so that refunds pile up before one is refused. */
const refundAmount = fc.integer({ min: 0, max: AMOUNT / 2 });

// Weighted so that most runs get past authorization and capture into refunds, where the counting is subtle.
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('authorize' as const),
      outcome: fc.constantFrom('authorized' as const, 'requires_action' as const, 'declined' as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('capture' as const), amount }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('refund' as const),
      id: fc.constantFrom('r1', 'r2', 'r3', 'r4'),
      amount: refundAmount,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('webhook' as const),
      // Few ids, so that redeliveries happen often.
      id: fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6'),
      type: fc.constantFrom<PaymentWebhookEventType>(
        'payment.authorized',
        'payment.captured',
        'payment.failed',
        'payment.refunded',
        'payment.refunded',
        'payment.voided',
      ),
      amount: fc.option(amount, { nil: undefined }),
    }),
  },
);

const steps = (maxLength: number) => fc.array(step, { minLength: 3, maxLength, size: 'medium' });

function event(s: Extract<Step, { kind: 'webhook' }>): PaymentWebhookEvent {
  return {
    // The id carries the type: a gateway never reuses an event id for another event.
    id: `${s.id}:${s.type}:${s.amount ?? '-'}`,
    type: s.type,
    providerRef: REF,
    ...(s.amount === undefined ? {} : { amount: s.amount }),
    occurredAt: ctx.at.toISOString(),
  };
}

function apply(payment: Payment, s: Step): PaymentTransition {
  switch (s.kind) {
    case 'authorize':
      return recordAuthorization(
        payment,
        s.outcome === 'authorized'
          ? { status: 'authorized', providerRef: REF, authorizedAmount: AMOUNT }
          : s.outcome === 'requires_action'
            ? { status: 'requires_action', providerRef: REF }
            : { status: 'declined', providerRef: REF, declineCode: 'card_declined' },
        ctx,
      );
    case 'capture':
      return recordCapture(payment, s.amount, ctx);
    case 'void':
      return recordVoid(payment, ctx);
    case 'refund':
      return recordRefund(payment, { id: s.id, amount: s.amount }, ctx);
    case 'webhook':
      return applyWebhookEvent(payment, event(s), ctx);
  }
}

/** Runs the steps; a step the rules refuse (a typed domain error) leaves the payment as it was. */
function run(steps: readonly Step[]): { payment: Payment; events: PaymentEvent[]; trail: Payment[] } {
  let payment = newPayment(
    { id: 'pay_p', orderId: 'ord_p', provider: 'stripe', amount: AMOUNT, currency: 'EUR' },
    ctx,
  );
  const events: PaymentEvent[] = [];
  const trail: Payment[] = [payment];
  for (const s of steps) {
    try {
      const transition = apply(payment, s);
      payment = transition.payment;
      events.push(...transition.events);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
    trail.push(payment);
  }
  return { payment, events, trail };
}

describe('payment state machine properties', () => {
  it('keeps refunded ≤ captured ≤ authorized, with a status that matches the amounts', () => {
    fc.assert(
      fc.property(steps(40), (list) => {
        for (const p of run(list).trail) {
          expect(p.refundedAmount).toBeGreaterThanOrEqual(0);
          expect(p.refundedAmount).toBeLessThanOrEqual(p.capturedAmount);
          expect(p.capturedAmount).toBeLessThanOrEqual(p.authorizedAmount);
          expect(p.refunds.reduce((sum, r) => sum + r.amount, 0)).toBeLessThanOrEqual(p.refundedAmount);
          if (p.status === 'refunded') expect(p.refundedAmount).toBe(p.capturedAmount);
          if (p.status === 'partially_refunded') {
            expect(p.refundedAmount).toBeGreaterThan(0);
            expect(p.refundedAmount).toBeLessThan(p.capturedAmount);
          }
          if (['pending', 'requires_action', 'authorized', 'failed'].includes(p.status)) {
            expect(p.capturedAmount).toBe(0);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('announces every refunded unit exactly once and every capture once', () => {
    fc.assert(
      fc.property(steps(40), (list) => {
        const { payment, events } = run(list);
        const refunded = events.filter(
          (e): e is DomainEvent<typeof PaymentRefunded> => e.event === PaymentRefunded,
        );
        expect(refunded.reduce((sum, e) => sum + e.data.amount, 0)).toBe(payment.refundedAmount);
        const captures = events.filter((e) => e.event === PaymentCaptured);
        expect(captures.length).toBe(payment.capturedAmount > 0 ? 1 : 0);
      }),
      { numRuns: 500 },
    );
  });

  it('gives a redelivered webhook no effect', () => {
    fc.assert(
      fc.property(
        steps(30),
        step.filter((s) => s.kind === 'webhook'),
        (list, redelivered) => {
          const once = run([...list, redelivered]);
          const twice = run([...list, redelivered, redelivered]);
          expect(twice.payment).toEqual(once.payment);
          expect(twice.events).toEqual(once.events);
        },
      ),
      { numRuns: 500 },
    );
  });
});
