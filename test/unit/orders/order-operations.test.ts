// Order operations that race the order's other writers, on in-memory ports: cancellation against
// fulfilment (customers before it starts, staff stopping the shipment first), cancellation against the
// capture (one claim on the order, both interleavings), refunds recorded once (intent first, concurrent
// requests, a version conflict, a lost result write, payment.refunded), and the refund approval limit.
import type { ConflictError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../functions/orders/domain/order.ts';
import { RefundApprovalError } from '../../../functions/orders/domain/order-refund.ts';
import { refundApprovalLimits } from '../../../functions/orders/orders.ts';
import { checkoutAnswer } from '../../../functions/orders/http/checkout-answer.ts';
import {
  ADDRESS,
  APPROVE,
  context,
  grandTotalOf,
  ordersWorld,
  REFUND_APPROVAL_ABOVE,
  SKU,
} from './support/world.ts';

const event = { correlationId: 'corr-event', causationId: 'evt-1' };
const STAFF = { sub: 'staff-1', admin: false };
const ADMIN = { sub: 'admin-1', admin: true };
const CUSTOMER = { kind: 'customer', customerId: 'cust-1', email: 'grace@example.com' } as const;
const notice = { id: 'shp_1', carrier: 'sandbox', trackingNumber: 'TRK1' };

/** A customer's order, checked out and authorized (not yet captured). */
async function customerOrder() {
  const w = ordersWorld();
  await w.carts.addLine(CUSTOMER, SKU, 2, 'c');
  await w.carts.updateCart(CUSTOMER, { shippingAddress: ADDRESS, shippingMethod: 'standard' }, 'c');
  const { order } = checkoutAnswer(await w.checkout.checkout(CUSTOMER, 'key-1', APPROVE, context)).body as {
    order: Order;
  };
  const orderId = order.id;
  return { ...w, orderId, order: () => w.table.order(orderId)! };
}

/** The same, captured (paid), optionally with its shipment created (fulfilling). */
async function paidOrder(stage: 'paid' | 'fulfilling' = 'paid') {
  const w = await customerOrder();
  await w.lifecycle.onPaymentAuthorized(w.orderId, event);
  if (stage === 'fulfilling') await w.lifecycle.onShipment(w.orderId, 'created', notice, event);
  expect(w.order().status).toBe(stage);
  return w;
}

const problemOf = (error: unknown) => ({
  type: (error as ConflictError).problemType,
  status: (error as ConflictError).status,
});

describe('cancellation against fulfilment', () => {
  it('a customer cancels while paid: cancelled, the capture announced as refund due', async () => {
    const w = await paidOrder();
    const cancelled = await w.operations.cancelOwnOrder('cust-1', w.orderId, undefined, context);
    expect(cancelled.status).toBe('cancelled');
    expect(w.table.events().at(-1)).toMatchObject({
      detailType: 'order.cancelled',
      data: { reason: 'customer_request', previousStatus: 'paid', refundDue: grandTotalOf(2) },
    });
    expect(w.peers.callsOf('cancelShipment')).toEqual([]);
  });

  it('a customer cannot cancel once fulfilment started: 409 order-fulfilment-started, nothing changes', async () => {
    const w = await paidOrder('fulfilling');
    const before = w.order();
    const error = await w.operations
      .cancelOwnOrder('cust-1', w.orderId, undefined, context)
      .catch((e: unknown) => e);
    expect(problemOf(error)).toEqual({ type: 'order-fulfilment-started', status: 409 });
    expect(w.order()).toEqual(before);
    expect(w.peers.callsOf('cancelShipment')).toEqual([]);
  });

  it('staff cancel in fulfilling: the shipment is stopped at the carrier first, then the order cancelled', async () => {
    const w = await paidOrder('fulfilling');
    const cancelled = await w.operations.cancelOrder(w.orderId, 'staff-1', 'Customer called', context);
    expect(w.peers.callsOf('cancelShipment')).toEqual([
      {
        orderId: w.orderId,
        actor: 'staff-1',
        reason: 'Customer called',
        correlationId: context.correlationId,
      },
    ]);
    expect(cancelled.status).toBe('cancelled');
    expect(w.table.events().at(-1)).toMatchObject({
      detailType: 'order.cancelled',
      data: { reason: 'staff', previousStatus: 'fulfilling', refundDue: grandTotalOf(2) },
    });
  });

  it('staff cancel in fulfilling when the carrier says too late: 409 and the order stays as it is', async () => {
    const w = await paidOrder('fulfilling');
    w.peers.carrierTooLate = true;
    const before = w.order();
    const eventsBefore = w.table.events().length;
    const error = await w.operations
      .cancelOrder(w.orderId, 'staff-1', undefined, context)
      .catch((e: unknown) => e);
    expect(problemOf(error)).toEqual({ type: 'shipment-too-late-to-cancel', status: 409 });
    expect(w.order()).toEqual(before);
    expect(w.table.events()).toHaveLength(eventsBefore);
  });

  it('staff cancel of an order that reaches fulfilling between read and write stops the shipment too', async () => {
    const w = await paidOrder();
    // The shipment is created while the cancellation is on its way to the table.
    w.table.beforeSaveOrder = async () => {
      w.table.beforeSaveOrder = undefined;
      await w.lifecycle.onShipment(w.orderId, 'created', notice, event);
    };
    const cancelled = await w.operations.cancelOrder(w.orderId, 'staff-1', undefined, context);
    expect(cancelled.status).toBe('cancelled');
    expect(w.peers.callsOf('cancelShipment')).toHaveLength(1);
    expect(w.order().history.map((h) => h.status)).toEqual([
      'pending_payment',
      'paid',
      'fulfilling',
      'cancelled',
    ]);
  });
});

describe('cancellation against the capture (one claim on the order)', () => {
  it('cancel lands while the capture is in flight: the capture wins, the cancel then owes the refund', async () => {
    const w = await customerOrder();
    let cancelling: Promise<Order> | undefined;
    w.peers.duringCapture = () => {
      w.peers.duringCapture = undefined;
      cancelling = w.operations.cancelOwnOrder('cust-1', w.orderId, undefined, context);
      return Promise.resolve();
    };
    await w.lifecycle.onPaymentAuthorized(w.orderId, event);
    const cancelled = await cancelling!;

    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.paymentOperation).toBeUndefined();
    expect(w.order().history.map((h) => h.status)).toEqual(['pending_payment', 'paid', 'cancelled']);
    expect(w.peers.callsOf('capture')).toHaveLength(1);
    expect(w.peers.callsOf('void')).toEqual([]);
    const announced = w.table.events().filter((e) => e.detailType === 'order.cancelled');
    expect(announced).toHaveLength(1);
    expect(announced[0]?.data).toMatchObject({ previousStatus: 'paid', refundDue: grandTotalOf(2) });

    // The payment service refunds it (order.cancelled) and announces it: recorded once.
    const refundId = `${w.orderId}-cancel`;
    const refunded = { refundId, amount: grandTotalOf(2) };
    await w.lifecycle.onPaymentRefunded(w.orderId, refunded, { ...event, eventId: 'evt-r1' });
    await w.lifecycle.onPaymentRefunded(w.orderId, refunded, { ...event, eventId: 'evt-r1' });
    expect(w.order()).toMatchObject({
      status: 'cancelled',
      payment: { refundedAmount: grandTotalOf(2) },
      refunds: [{ id: refundId, amount: grandTotalOf(2), status: 'succeeded' }],
    });
  });

  it('a capture that does not finish while the cancel waits: 409 payment-capture-in-progress, nothing changes', async () => {
    const w = await customerOrder();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let cancelling: Promise<unknown> | undefined;
    w.peers.duringCapture = () => {
      cancelling = w.operations
        .cancelOwnOrder('cust-1', w.orderId, undefined, context)
        .catch((e: unknown) => e);
      return held;
    };
    const capturing = w.lifecycle.onPaymentAuthorized(w.orderId, event);
    // The cancellation starts while the capture is held, gives up after its waits, and answers.
    let error: unknown;
    while (cancelling === undefined || error === undefined) {
      await new Promise((resolve) => setImmediate(resolve));
      if (cancelling) error = await cancelling;
    }
    expect(problemOf(error)).toEqual({ type: 'payment-capture-in-progress', status: 409 });
    expect(w.order()).toMatchObject({ status: 'pending_payment', paymentOperation: { kind: 'capture' } });
    release();
    await capturing;
    expect(w.order().status).toBe('paid');
    expect(w.order().paymentOperation).toBeUndefined();
  });

  it('cancel writes first, between the capture’s read and its claim: the claim fails, the authorization is voided', async () => {
    const w = await customerOrder();
    w.table.beforeSaveOrder = async (order) => {
      if (order.paymentOperation === undefined) return;
      w.table.beforeSaveOrder = undefined;
      await w.operations.cancelOrder(w.orderId, 'staff-1', undefined, context);
    };
    await w.lifecycle.onPaymentAuthorized(w.orderId, event);

    expect(w.order()).toMatchObject({ status: 'cancelled', payment: { capturedAmount: 0 } });
    expect(w.order().paymentOperation).toBeUndefined();
    expect(w.peers.callsOf('capture')).toEqual([]);
    expect(w.peers.callsOf('void')).toHaveLength(1);
    expect(w.table.events().filter((e) => e.detailType === 'order.cancelled')[0]?.data).toMatchObject({
      previousStatus: 'pending_payment',
      refundDue: 0,
    });
  });

  it('a redelivered payment.authorized resumes its own claim and captures once', async () => {
    const w = await customerOrder();
    w.peers.duringCapture = () => Promise.reject(new Error('the Lambda died mid-capture'));
    await expect(w.lifecycle.onPaymentAuthorized(w.orderId, event)).rejects.toThrow('died');
    expect(w.order().paymentOperation).toMatchObject({ kind: 'capture' });
    w.peers.duringCapture = undefined;
    await w.lifecycle.onPaymentAuthorized(w.orderId, event);
    expect(w.order()).toMatchObject({ status: 'paid', payment: { capturedAmount: grandTotalOf(2) } });
    expect(w.order().paymentOperation).toBeUndefined();
  });
});

describe('refunds recorded once', () => {
  it('the intent is written before the gateway is asked, then the result', async () => {
    const w = await paidOrder();
    w.peers.duringRefund = () => {
      // The gateway refunded; the order already holds the intent under the same id.
      const open = w.order().refunds?.find((r) => r.status === 'requested');
      expect(open).toMatchObject({ amount: 1000, actor: 'staff-1' });
      expect(w.peers.callsOf('refund')).toEqual([expect.objectContaining({ refundId: open?.id })]);
      return Promise.resolve();
    };
    const after = await w.operations.refundOrder(w.orderId, 1000, STAFF, context);
    expect(after).toMatchObject({
      status: 'partially_refunded',
      payment: { refundedAmount: 1000 },
      refunds: [{ amount: 1000, status: 'succeeded', actor: 'staff-1' }],
    });
  });

  it('two concurrent requests and a version conflict: one refund stored, one gateway refund per id', async () => {
    const w = await paidOrder();
    // A shipment event writes the order just before the first intent lands: that write meets a conflict.
    w.table.beforeSaveOrder = async () => {
      w.table.beforeSaveOrder = undefined;
      await w.lifecycle.onShipment(w.orderId, 'created', notice, event);
    };
    const [first, second] = await Promise.all([
      w.operations.refundOrder(w.orderId, 1000, STAFF, context),
      w.operations.refundOrder(w.orderId, 1000, { sub: 'staff-2', admin: false }, context),
    ]);

    const order = w.order();
    expect(order.refunds).toHaveLength(1);
    expect(order.refunds?.[0]).toMatchObject({ amount: 1000, status: 'succeeded' });
    expect(order.payment.refundedAmount).toBe(1000);
    expect(first.payment.refundedAmount).toBe(1000);
    expect(second.payment.refundedAmount).toBe(1000);
    const ids = w.peers.callsOf('refund').map((r) => (r as { refundId: string }).refundId);
    expect(new Set(ids)).toEqual(new Set([order.refunds?.[0]?.id]));
    expect(w.peers.payments.get(order.payment.id!)?.refunds).toHaveLength(1);
    expect(w.table.events().filter((e) => e.detailType === 'order.refunded')).toHaveLength(1);
  });

  it('a lost result write: the retry carries the same refund on; payment.refunded changes nothing more', async () => {
    const w = await paidOrder();
    w.table.beforeSaveOrder = (order) =>
      order.refunds?.some((r) => r.status === 'succeeded')
        ? Promise.reject(new Error('the table did not answer'))
        : Promise.resolve();
    await expect(w.operations.refundOrder(w.orderId, 1000, STAFF, context)).rejects.toThrow('did not answer');
    expect(w.order().refunds).toMatchObject([{ status: 'requested', amount: 1000 }]);
    const id = w.order().refunds![0]!.id;

    w.table.beforeSaveOrder = undefined;
    const after = await w.operations.refundOrder(w.orderId, 1000, STAFF, context);
    await w.lifecycle.onPaymentRefunded(
      w.orderId,
      { refundId: id, amount: 1000 },
      { ...event, eventId: 'e' },
    );

    expect(after.refunds).toEqual([expect.objectContaining({ id, status: 'succeeded' })]);
    expect(w.order().payment.refundedAmount).toBe(1000);
    expect(w.peers.payments.get(w.order().payment.id!)?.refunds).toHaveLength(1);
  });

  it('payment.refunded completes a refund whose result write was lost', async () => {
    const w = await paidOrder();
    w.table.beforeSaveOrder = (order) =>
      order.refunds?.some((r) => r.status === 'succeeded')
        ? Promise.reject(new Error('the table did not answer'))
        : Promise.resolve();
    await expect(w.operations.refundOrder(w.orderId, 1000, STAFF, context)).rejects.toThrow();
    w.table.beforeSaveOrder = undefined;
    const id = w.order().refunds![0]!.id;
    await w.lifecycle.onPaymentRefunded(
      w.orderId,
      { refundId: id, amount: 1000 },
      { ...event, eventId: 'e' },
    );
    expect(w.order()).toMatchObject({
      status: 'partially_refunded',
      payment: { refundedAmount: 1000 },
      refunds: [{ id, status: 'succeeded', actor: 'staff-1' }],
    });
  });

  it('another amount while a refund is open is a 409 refund-in-progress', async () => {
    const w = await paidOrder();
    let second: unknown;
    w.peers.duringRefund = async () => {
      w.peers.duringRefund = undefined;
      second = await w.operations.refundOrder(w.orderId, 2000, ADMIN, context).catch((e: unknown) => e);
    };
    await w.operations.refundOrder(w.orderId, 1000, STAFF, context);
    expect(problemOf(second)).toEqual({ type: 'refund-in-progress', status: 409 });
    expect(w.order().refunds).toHaveLength(1);
  });

  it('a refusal marks the intent failed and frees the order for the next refund', async () => {
    const w = await paidOrder();
    const paymentId = w.order().payment.id!;
    w.peers.payments.set(paymentId, { ...w.peers.payments.get(paymentId)!, capturedAmount: 10 });
    const error = await w.operations.refundOrder(w.orderId, 1000, STAFF, context).catch((e: unknown) => e);
    expect(problemOf(error)).toEqual({ type: 'refund-exceeds-captured', status: 422 });
    expect(w.order()).toMatchObject({
      status: 'paid',
      refunds: [{ status: 'failed', failure: 'refund-exceeds-captured' }],
    });
  });
});

describe('refund approval', () => {
  it(`staff may refund up to the limit; above it only an admin (403 refund-needs-admin)`, async () => {
    const w = await paidOrder();
    const error = await w.operations
      .refundOrder(w.orderId, REFUND_APPROVAL_ABOVE + 1, STAFF, context)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefundApprovalError);
    expect(problemOf(error)).toEqual({ type: 'refund-needs-admin', status: 403 });
    expect(w.order().refunds).toBeUndefined();
    expect(w.peers.callsOf('refund')).toEqual([]);

    await w.operations.refundOrder(w.orderId, REFUND_APPROVAL_ABOVE, STAFF, context);
    const after = await w.operations.refundOrder(w.orderId, REFUND_APPROVAL_ABOVE + 1, ADMIN, context);
    expect(after.payment.refundedAmount).toBe(2 * REFUND_APPROVAL_ABOVE + 1);
    expect(after.refunds?.map((r) => r.actor)).toEqual(['staff-1', 'admin-1']);
  });
});

describe('a shipment created for an order cancelled meanwhile', () => {
  it('is stopped at the carrier when shipment.created reaches the cancelled order', async () => {
    const w = await paidOrder();
    await w.operations.cancelOwnOrder('cust-1', w.orderId, undefined, context);
    await w.lifecycle.onShipment(w.orderId, 'created', notice, event);
    expect(w.order().status).toBe('cancelled');
    expect(w.peers.callsOf('cancelShipment')).toEqual([
      { orderId: w.orderId, reason: 'Order cancelled', correlationId: event.correlationId },
    ]);

    w.peers.carrierTooLate = true;
    await expect(w.lifecycle.onShipment(w.orderId, 'created', notice, event)).rejects.toThrow(
      'shipment-too-late-to-cancel',
    );
  });
});

describe('the refund approval limits from the environment', () => {
  it('are minor units per ISO currency; anything else is refused at cold start', () => {
    expect(refundApprovalLimits('{"EUR":25000,"JPY":30000}')).toEqual({ EUR: 25000, JPY: 30000 });
    expect(() => refundApprovalLimits('{"eur":25000}')).toThrow();
    expect(() => refundApprovalLimits('{"EUR":-1}')).toThrow();
    expect(() => refundApprovalLimits('{"EUR":2.5}')).toThrow();
  });
});
