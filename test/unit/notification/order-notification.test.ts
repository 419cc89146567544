import type { OrderCancelled } from '@commerce/events';
import type { EventData } from '@commerce/events';
import { describe, expect, it } from 'vitest';
import {
  orderNotification,
  type OrderEvent,
} from '../../../functions/notification/domain/order-notification.ts';
import { NOTIFICATION_KIND_BY_EVENT } from '../../../functions/notification/templates/models.ts';

const settings = { shopName: 'Acme' };
const ref = {
  orderId: 'ord-1',
  number: 'CM-2026-000042',
  customerId: 'sub-1',
  currency: 'EUR',
  contact: {
    email: 'erika@example.com',
    name: 'Erika',
    locale: 'de',
    phone: '+491701234678',
    smsUpdates: true,
  },
};
const shipment = {
  shipmentId: 'shp-1',
  carrier: 'sandbox',
  trackingNumber: 'SBX42',
  trackingUrl: 'https://track.example.com/SBX42',
};
type Cancelled = EventData<typeof OrderCancelled>;
const cancelled = (
  reason: Cancelled['reason'],
  refundDue: number,
  state: Pick<Cancelled, 'previousStatus' | 'paymentStatus'> = {
    previousStatus: 'paid',
    paymentStatus: 'captured',
  },
): OrderEvent => ({
  detailType: 'order.cancelled',
  data: {
    ...ref,
    ...state,
    reason,
    paymentId: 'pay-1',
    refundDue,
    lines: [{ sku: 'MUG', quantity: 1 }],
  },
});

describe('orderNotification', () => {
  it('takes the recipient from the contact, with the SMS opt-in', () => {
    const n = orderNotification({ detailType: 'order.delivered', data: ref }, settings);

    expect(n?.recipient).toEqual({
      email: 'erika@example.com',
      phone: '+491701234678',
      locale: 'de',
      transactionalSms: true,
    });
    const optedOut = orderNotification(
      { detailType: 'order.delivered', data: { ...ref, contact: { ...ref.contact, smsUpdates: false } } },
      settings,
    );
    expect(optedOut?.recipient.transactionalSms).toBe(false);
  });

  it('announces the captured amount on order.paid', () => {
    const n = orderNotification(
      {
        detailType: 'order.paid',
        data: {
          ...ref,
          paymentId: 'pay-1',
          capturedAmount: 2890,
          lines: [{ sku: 'MUG', quantity: 2 }],
          shipTo: { name: 'Erika', line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
          shippingMethod: 'standard',
          totalWeightGrams: 800,
        },
      },
      settings,
    );

    expect(n).toMatchObject({ kind: 'order_paid', model: { total: { amount: 2890, currency: 'EUR' } } });
  });

  it('tells of the shipment when the label is issued, and of nothing when the parcel is scanned', () => {
    expect(
      orderNotification({ detailType: 'order.fulfilment_started', data: { ...ref, shipment } }, settings),
    ).toMatchObject({
      kind: 'shipment_created',
      model: { carrier: 'sandbox', trackingNumber: 'SBX42', trackingUrl: 'https://track.example.com/SBX42' },
    });
    expect(orderNotification({ detailType: 'order.shipped', data: { ...ref, shipment } }, settings)).toBe(
      undefined,
    );
  });

  it('reports a delivery with or without the shipment', () => {
    const withShipment = orderNotification(
      { detailType: 'order.delivered', data: { ...ref, shipment } },
      settings,
    );
    const without = orderNotification({ detailType: 'order.delivered', data: ref }, settings);

    expect(withShipment).toMatchObject({
      kind: 'shipment_delivered',
      model: { carrier: 'sandbox', trackingNumber: 'SBX42' },
    });
    expect(without?.kind).toBe('shipment_delivered');
    expect(without?.model).not.toHaveProperty('carrier');
  });

  it('links the delivery to where the buyer reviews it', () => {
    const reviewUrl = 'https://shop.example.com/review/tok-1';
    const delivered = orderNotification(
      { detailType: 'order.delivered', data: ref },
      { ...settings, reviewUrl },
    );

    expect(delivered?.model).toMatchObject({ reviewUrl });
  });

  it.each(['payment_failed', 'payment_timeout'] as const)(
    'sends payment_failed, not a cancellation, for an authorized order cancelled with reason %s',
    (reason) => {
      const authorized = { previousStatus: 'pending_payment', paymentStatus: 'authorized' } as const;
      expect(orderNotification(cancelled(reason, 0, authorized), settings)?.kind).toBe('payment_failed');
    },
  );

  it.each([
    ['payment_failed', 'failed'],
    ['payment_timeout', 'pending'],
    ['payment_timeout', 'failed'],
    ['reservation_expired', 'pending'],
    ['customer_request', 'pending'],
    ['staff', 'failed'],
  ] as const)(
    'sends nothing for an order cancelled (%s) before its payment was ever authorized (%s)',
    (reason, paymentStatus) => {
      const unpaid = { previousStatus: 'pending_payment', paymentStatus } as const;
      expect(orderNotification(cancelled(reason, 0, unpaid), settings)).toBeUndefined();
    },
  );

  it('sends the cancellation with the refund only when something goes back', () => {
    const refunded = orderNotification(cancelled('customer_request', 2890), settings);
    const voided = orderNotification(cancelled('staff', 0), settings);

    expect(refunded).toMatchObject({
      kind: 'order_cancelled',
      model: { refund: { amount: 2890, currency: 'EUR' } },
    });
    expect(voided?.kind).toBe('order_cancelled');
    expect(voided?.model).not.toHaveProperty('refund');
  });

  it('says whether a refund was partial', () => {
    const refund = (full: boolean): OrderEvent => ({
      detailType: 'order.refunded',
      data: {
        ...ref,
        refundId: 'ref-1',
        amount: 1000,
        refundedAmount: 1000,
        capturedAmount: full ? 1000 : 2890,
        full,
        goodsShipped: false,
      },
    });

    expect(orderNotification(refund(false), settings)?.model).toMatchObject({
      amount: { amount: 1000, currency: 'EUR' },
      partial: true,
    });
    expect(orderNotification(refund(true), settings)?.model).toMatchObject({ partial: false });
  });

  it('keeps a guest order without a customer', () => {
    const n = orderNotification(
      { detailType: 'order.delivered', data: { ...ref, customerId: null } },
      settings,
    );

    expect(n?.customerId).toBeNull();
  });

  it('maps exactly the subscribed events that send something (order.created is not one)', () => {
    expect(Object.keys(NOTIFICATION_KIND_BY_EVENT).sort()).toEqual([
      'order.cancelled',
      'order.delivered',
      'order.fulfilment_started',
      'order.paid',
      'order.refunded',
      'review.requested',
    ]);
  });
});
