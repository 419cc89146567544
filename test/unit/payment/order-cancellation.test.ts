import { describe, expect, it } from 'vitest';
import {
  cancellationRefundId,
  cancellationStep,
} from '../../../functions/payment/domain/order-cancellation.ts';
import type { Payment, PaymentStatus } from '../../../functions/payment/domain/payment.ts';

const order = { orderId: 'ord-1', paymentId: 'pay-1', refundDue: 0 };
const payment = (
  status: PaymentStatus,
  extra: Partial<Pick<Payment, 'orderId' | 'refunds'>> = {},
): Pick<Payment, 'orderId' | 'status' | 'refunds'> => ({ orderId: 'ord-1', status, refunds: [], ...extra });

describe('cancellationRefundId', () => {
  it('is derived from the order id, the same every time', () => {
    expect(cancellationRefundId('ord-1')).toBe('ord-1-cancel');
    expect(cancellationRefundId('ord-1')).toBe(cancellationRefundId('ord-1'));
  });

  it('is a digest for an order id outside the refund id alphabet or too long', () => {
    const odd = cancellationRefundId('order #1/2');
    expect(odd).toMatch(/^cancel-[0-9a-f]{40}$/);
    expect(cancellationRefundId('order #1/2')).toBe(odd);
    expect(cancellationRefundId('order #1/3')).not.toBe(odd);
    expect(cancellationRefundId('x'.repeat(122))).toMatch(/^cancel-[0-9a-f]{40}$/);
    expect(cancellationRefundId('x'.repeat(121))).toBe(`${'x'.repeat(121)}-cancel`);
  });
});

describe('cancellationStep', () => {
  it('does nothing when no payment was asked for, or the payment does not exist', () => {
    expect(cancellationStep({ ...order, paymentId: null }, undefined)).toMatchObject({ kind: 'nothing' });
    expect(cancellationStep(order, undefined)).toMatchObject({ kind: 'nothing' });
  });

  it('refunds what is due under the derived refund id', () => {
    expect(cancellationStep({ ...order, refundDue: 2599 }, payment('captured'))).toEqual({
      kind: 'refund',
      paymentId: 'pay-1',
      refundId: 'ord-1-cancel',
      amount: 2599,
    });
    expect(cancellationStep({ ...order, refundDue: 100 }, payment('partially_refunded'))).toMatchObject({
      kind: 'refund',
      amount: 100,
    });
  });

  it('does not refund again once the cancellation refund is recorded', () => {
    const refunded = payment('refunded', {
      refunds: [{ id: 'ord-1-cancel', amount: 2599, at: '2026-01-01T00:00:00.000Z' }],
    });
    expect(cancellationStep({ ...order, refundDue: 2599 }, refunded)).toMatchObject({ kind: 'nothing' });
  });

  it('voids an open authorization when nothing is due', () => {
    expect(cancellationStep(order, payment('authorized'))).toEqual({ kind: 'void', paymentId: 'pay-1' });
    expect(cancellationStep(order, payment('requires_action'))).toEqual({ kind: 'void', paymentId: 'pay-1' });
  });

  it('does nothing for a payment already voided, failed or refunded', () => {
    for (const status of ['voided', 'failed', 'refunded'] as const) {
      expect(cancellationStep(order, payment(status))).toMatchObject({ kind: 'nothing' });
    }
  });

  it('waits for a payment the gateway has not answered yet', () => {
    expect(cancellationStep(order, payment('pending'))).toMatchObject({ kind: 'nothing' });
  });

  it('hands money captured that the order says is not due to an operator', () => {
    expect(cancellationStep(order, payment('captured'))).toMatchObject({ kind: 'operator' });
    expect(cancellationStep(order, payment('partially_refunded'))).toMatchObject({ kind: 'operator' });
  });

  it('hands a payment of another order to an operator, whatever is due', () => {
    const other = payment('authorized', { orderId: 'ord-2' });
    expect(cancellationStep(order, other)).toMatchObject({ kind: 'operator' });
    expect(cancellationStep({ ...order, refundDue: 5 }, other)).toMatchObject({ kind: 'operator' });
  });
});
