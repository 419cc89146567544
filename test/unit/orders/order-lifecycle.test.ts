// The order after checkout, on in-memory ports: the payment, shipment and reservation events it reacts to,
// and the staff and customer operations, each with the events it announces.
import { NotFoundError, UnprocessableError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../functions/orders/domain/order.ts';
import { checkoutAnswer } from '../../../functions/orders/http/checkout-answer.ts';
import { ADDRESS, APPROVE, context, grandTotalOf, ordersWorld, PRODUCT_ID, SKU } from './support/world.ts';

const event = { correlationId: 'corr-event', causationId: 'evt-1' };
const STAFF = { sub: 'staff-1', admin: false };
const notice = {
  id: 'shp_1',
  carrier: 'sandbox',
  trackingNumber: 'TRK1',
  trackingUrl: 'https://track.example/TRK1',
};
const shipmentData = {
  shipmentId: 'shp_1',
  carrier: 'sandbox',
  trackingNumber: 'TRK1',
  trackingUrl: 'https://track.example/TRK1',
};

/** A world with one order checked out (authorized, or waiting for the customer's action). */
async function checkedOut(gateway: 'approve' | 'requires_action' = 'approve') {
  const w = ordersWorld();
  const cart = await w.readyGuestCart(2);
  w.peers.gateway = gateway;
  const { order } = checkoutAnswer(await w.checkout.checkout(cart.access, 'key-1', APPROVE, context))
    .body as { order: Order };
  return { ...w, orderId: order.id };
}

const ref = (order: Order) => ({
  orderId: order.id,
  number: order.number,
  customerId: null,
  currency: 'EUR',
  contact: { email: 'ada@example.com', name: 'Ada Lovelace', smsUpdates: false },
});

describe('payment events', () => {
  it('authorized: captures the total, marks the order paid and announces order.paid for shipping', async () => {
    const w = await checkedOut();
    await w.lifecycle.onPaymentAuthorized(w.orderId, event);

    const order = w.table.order(w.orderId)!;
    expect(w.peers.callsOf('capture')).toEqual([
      { paymentId: order.payment.id, amount: grandTotalOf(2), correlationId: 'corr-event' },
    ]);
    expect(order).toMatchObject({
      status: 'paid',
      payment: { status: 'captured', capturedAmount: grandTotalOf(2) },
    });
    expect(w.table.events().at(-1)).toEqual({
      detailType: 'order.paid',
      data: {
        ...ref(order),
        paymentId: order.payment.id,
        capturedAmount: grandTotalOf(2),
        lines: [{ sku: SKU, quantity: 2, productId: PRODUCT_ID }],
        shipTo: ADDRESS,
        shippingMethod: 'standard',
        totalWeightGrams: 500,
      },
    });

    // payment.captured arriving after the capture's answer changes nothing.
    await w.lifecycle.onPaymentCaptured(w.orderId, grandTotalOf(2), undefined, event);
    expect(w.table.events().filter((e) => e.detailType === 'order.paid')).toHaveLength(1);
  });

  it('authorized for a cancelled order: voids the authorization instead', async () => {
    const w = await checkedOut();
    await w.operations.cancelOrder(w.orderId, 'staff-1', undefined, context);
    await w.lifecycle.onPaymentAuthorized(w.orderId, event);
    expect(w.peers.callsOf('void')).toEqual([
      { paymentId: w.table.order(w.orderId)!.payment.id, correlationId: 'corr-event' },
    ]);
    expect(w.peers.callsOf('capture')).toEqual([]);
  });

  it('failed after a "requires action": cancels the waiting order (payment_failed)', async () => {
    const w = await checkedOut('requires_action');
    await w.lifecycle.onPaymentFailed(w.orderId, event);
    expect(w.table.order(w.orderId)?.history.at(-1)).toMatchObject({
      status: 'cancelled',
      reason: 'payment_failed',
      actor: 'payment',
    });
    expect(w.table.events().at(-1)).toMatchObject({
      detailType: 'order.cancelled',
      data: { reason: 'payment_failed', previousStatus: 'pending_payment', paymentStatus: 'pending' },
    });
  });
});

describe('reservation expired', () => {
  it('cancels an order still waiting for its payment (reservation_expired)', async () => {
    const w = await checkedOut('requires_action');
    await w.lifecycle.onReservationExpired(w.orderId, event);
    expect(w.table.order(w.orderId)?.history.at(-1)).toMatchObject({
      status: 'cancelled',
      reason: 'reservation_expired',
      actor: 'inventory',
    });
    expect(w.table.events().at(-1)?.data).toMatchObject({ reason: 'reservation_expired' });
  });

  it('leaves an authorized order alone: its capture is moments away', async () => {
    const w = await checkedOut();
    const events = w.table.events().length;
    await w.lifecycle.onReservationExpired(w.orderId, event);
    expect(w.table.order(w.orderId)?.status).toBe('pending_payment');
    expect(w.table.events()).toHaveLength(events);
  });
});

describe('shipment events', () => {
  it('move the order to fulfilling, shipped and delivered, each announced with the shipment', async () => {
    const w = await checkedOut();
    await w.lifecycle.onPaymentAuthorized(w.orderId, event);
    const before = w.table.events().length;

    await w.lifecycle.onShipment(w.orderId, 'created', notice, event);
    await w.lifecycle.onShipment(w.orderId, 'in_transit', notice, event);
    await w.lifecycle.onShipment(w.orderId, 'delivered', notice, event);

    const order = w.table.order(w.orderId)!;
    expect(order.status).toBe('delivered');
    expect(order.shipment).toEqual({
      id: 'shp_1',
      carrier: 'sandbox',
      trackingNumber: 'TRK1',
      status: 'delivered',
    });
    expect(w.table.events().slice(before)).toEqual([
      { detailType: 'order.fulfilment_started', data: { ...ref(order), shipment: shipmentData } },
      { detailType: 'order.shipped', data: { ...ref(order), shipment: shipmentData } },
      {
        detailType: 'order.delivered',
        data: {
          ...ref(order),
          shipment: shipmentData,
          lines: [{ sku: SKU, quantity: 2, title: 'Checkout tee — M', productId: PRODUCT_ID }],
        },
      },
    ]);
  });

  it('fill in the steps a late event skipped, and a repeated or older event changes nothing', async () => {
    const w = await checkedOut();
    await w.lifecycle.onPaymentAuthorized(w.orderId, event);
    const before = w.table.events().length;

    await w.lifecycle.onShipment(w.orderId, 'delivered', notice, event);
    await w.lifecycle.onShipment(w.orderId, 'delivered', notice, event);
    await w.lifecycle.onShipment(w.orderId, 'created', notice, event);

    expect(w.table.order(w.orderId)?.history.map((h) => h.status)).toEqual([
      'pending_payment',
      'paid',
      'fulfilling',
      'shipped',
      'delivered',
    ]);
    expect(
      w.table
        .events()
        .slice(before)
        .map((e) => e.detailType),
    ).toEqual(['order.fulfilment_started', 'order.shipped', 'order.delivered']);
  });

  it('do not move an order that is not paid yet', async () => {
    const w = await checkedOut();
    await w.lifecycle.onShipment(w.orderId, 'created', notice, event);
    expect(w.table.order(w.orderId)?.status).toBe('pending_payment');
  });
});

describe('staff and customer operations', () => {
  it('refund: the gateway first (refund id tied to the version), then order.refunded', async () => {
    const w = await checkedOut();
    await w.lifecycle.onPaymentAuthorized(w.orderId, event);
    const paid = w.table.order(w.orderId)!;

    const after = await w.operations.refundOrder(w.orderId, 1000, STAFF, context);

    const refundId = `rf_${paid.id.slice(4)}_${paid.version}`;
    expect(w.peers.callsOf('refund')).toEqual([
      { paymentId: paid.payment.id, amount: 1000, refundId, correlationId: context.correlationId },
    ]);
    expect(after).toMatchObject({ status: 'partially_refunded', payment: { refundedAmount: 1000 } });
    expect(w.table.events().at(-1)).toEqual({
      detailType: 'order.refunded',
      data: {
        ...ref(after),
        refundId,
        amount: 1000,
        refundedAmount: 1000,
        capturedAmount: grandTotalOf(2),
        full: false,
        goodsShipped: false,
      },
    });
  });

  it('refund: the payment service’s refusal is a 422 with its type, and nothing is recorded', async () => {
    const w = await checkedOut();
    await w.lifecycle.onPaymentAuthorized(w.orderId, event);
    w.peers.payments.set(w.table.order(w.orderId)!.payment.id!, {
      ...w.peers.payments.get(w.table.order(w.orderId)!.payment.id!)!,
      capturedAmount: 10,
    });
    const error = await w.operations.refundOrder(w.orderId, 1000, STAFF, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as UnprocessableError).problemType).toBe('refund-exceeds-captured');
    expect(w.table.order(w.orderId)?.status).toBe('paid');
  });

  it('cancel by staff (staff) and by the customer (customer_request), with the note in the history', async () => {
    const w = await checkedOut();
    const cancelled = await w.operations.cancelOrder(w.orderId, 'staff-1', 'duplicate order', context);
    expect(cancelled.history.at(-1)).toMatchObject({ reason: 'duplicate order', actor: 'staff-1' });
    expect(w.table.events().at(-1)?.data).toMatchObject({
      reason: 'staff',
      previousStatus: 'pending_payment',
    });

    const c = ordersWorld();
    const access = { kind: 'customer', customerId: 'cust-1', email: 'grace@example.com' } as const;
    await c.carts.addLine(access, SKU, 1, 'c');
    await c.carts.updateCart(access, { shippingAddress: ADDRESS, shippingMethod: 'standard' }, 'c');
    const { order } = checkoutAnswer(await c.checkout.checkout(access, 'k', APPROVE, context)).body as {
      order: Order;
    };
    await expect(c.operations.cancelOwnOrder('cust-2', order.id, undefined, context)).rejects.toThrow(
      NotFoundError,
    );
    const own = await c.operations.cancelOwnOrder('cust-1', order.id, undefined, context);
    expect(own.history.at(-1)).toEqual({ status: 'cancelled', at: own.updatedAt, actor: 'cust-1' });
    expect(c.table.events().at(-1)?.data).toMatchObject({ reason: 'customer_request' });
  });

  it('find by number honours the filters', async () => {
    const w = await checkedOut();
    const { number } = w.table.order(w.orderId)!;
    expect((await w.operations.findByNumber(number, {})).map((o) => o.id)).toEqual([w.orderId]);
    expect(await w.operations.findByNumber(number, { status: 'paid' })).toEqual([]);
    expect(await w.operations.findByNumber(number, { email: 'ADA@example.com' })).toHaveLength(1);
    expect(await w.operations.findByNumber('CM-2026-999999', {})).toEqual([]);
  });
});
