// Which notification an order event asks for: the kind, its view model and the recipient, all from the
// event itself (every order.* event carries the contact, so nothing is looked up). Pure; no AWS.
// Nothing is sent for an order whose payment was never authorized: checkout is open to anyone, and a
// declined or abandoned checkout must not be a way to send mail or SMS to any address or number.
import type {
  EventData,
  OrderCancelled,
  OrderDelivered,
  OrderFulfilmentStarted,
  OrderPaid,
  OrderRefunded,
  OrderShipped,
} from '@commerce/events';
import type { BaseView, NotificationKind, NotificationModels } from '../templates/models.ts';
import type { Recipient } from './notification.ts';

/** An order event as the consumer received it: its detail-type with the validated data. */
export type OrderEvent =
  | { readonly detailType: 'order.paid'; readonly data: EventData<typeof OrderPaid> }
  | {
      readonly detailType: 'order.fulfilment_started';
      readonly data: EventData<typeof OrderFulfilmentStarted>;
    }
  | { readonly detailType: 'order.shipped'; readonly data: EventData<typeof OrderShipped> }
  | { readonly detailType: 'order.delivered'; readonly data: EventData<typeof OrderDelivered> }
  | { readonly detailType: 'order.cancelled'; readonly data: EventData<typeof OrderCancelled> }
  | { readonly detailType: 'order.refunded'; readonly data: EventData<typeof OrderRefunded> };

/** A kind with its own view model (the pair `decide` takes). */
export type KindAndModel = {
  [K in NotificationKind]: { readonly kind: K; readonly model: NotificationModels[K] };
}[NotificationKind];

export type OrderNotification = KindAndModel & {
  readonly recipient: Recipient;
  readonly orderId: string;
  readonly orderNumber: string;
  /** Whose log the deliveries go to; null for a guest checkout (kept under the order only). */
  readonly customerId: string | null;
};

/** Cancellation reasons that mean the payment failed: the shopper gets `payment_failed`, not a second mail. */
const PAYMENT_REASONS: ReadonlySet<string> = new Set(['payment_failed', 'payment_timeout']);

/** Payment states that prove the gateway authorized the payment at some point. */
const AUTHORIZED_PAYMENT: ReadonlySet<string> = new Set([
  'authorized',
  'captured',
  'partially_refunded',
  'refunded',
]);

/**
 * Whether a cancelled order's payment was ever authorized. An order cancelled while it waited for its
 * payment (declined, gateway unreachable, stock hold expired, cancelled by the shopper) with nothing
 * authorized was never more than an anonymous request: nobody is told of it.
 */
export function wasAuthorized(data: EventData<typeof OrderCancelled>): boolean {
  return data.previousStatus !== 'pending_payment' || AUTHORIZED_PAYMENT.has(data.paymentStatus);
}

/**
 * The notification an order event asks for, or undefined when it asks for none: order.shipped (the
 * shopper was told when the label was issued) and the cancellation of an order whose payment was never
 * authorized. order.created is not taken at all (the order is not paid yet); order.paid, the first event
 * that proves the payment, is the confirmation. The delivery email links to where the buyer reviews.
 */
export function orderNotification(
  event: OrderEvent,
  settings: {
    readonly shopName: string;
    /** Where the buyer of a delivered order reviews it (domain/storefront-links.ts); order.delivered only. */
    readonly reviewUrl?: string;
  },
): OrderNotification | undefined {
  const { data } = event;
  const money = (amount: number) => ({ amount, currency: data.currency });
  const base: BaseView = {
    shopName: settings.shopName,
    customerName: data.contact.name,
    orderNumber: data.number,
  };
  const kindAndModel = ((): KindAndModel | undefined => {
    switch (event.detailType) {
      case 'order.paid':
        return { kind: 'order_paid', model: { ...base, total: money(event.data.capturedAmount) } };
      case 'order.fulfilment_started': {
        const { carrier, trackingNumber, trackingUrl } = event.data.shipment;
        return {
          kind: 'shipment_created',
          model: { ...base, carrier, trackingNumber, ...(trackingUrl === undefined ? {} : { trackingUrl }) },
        };
      }
      case 'order.shipped':
        return undefined;
      case 'order.delivered': {
        const shipment = event.data.shipment;
        return {
          kind: 'shipment_delivered',
          model: {
            ...base,
            ...(shipment === undefined
              ? {}
              : { carrier: shipment.carrier, trackingNumber: shipment.trackingNumber }),
            ...(settings.reviewUrl === undefined ? {} : { reviewUrl: settings.reviewUrl }),
          },
        };
      }
      case 'order.cancelled':
        if (!wasAuthorized(event.data)) return undefined;
        if (PAYMENT_REASONS.has(event.data.reason)) return { kind: 'payment_failed', model: base };
        return {
          kind: 'order_cancelled',
          model: { ...base, ...(event.data.refundDue > 0 ? { refund: money(event.data.refundDue) } : {}) },
        };
      case 'order.refunded':
        return {
          kind: 'order_refunded',
          model: { ...base, amount: money(event.data.amount), partial: !event.data.full },
        };
    }
  })();
  if (kindAndModel === undefined) return undefined;
  const { contact } = data;
  return {
    ...kindAndModel,
    recipient: {
      email: contact.email,
      ...(contact.phone === undefined ? {} : { phone: contact.phone }),
      ...(contact.locale === undefined ? {} : { locale: contact.locale }),
      transactionalSms: contact.smsUpdates,
    },
    orderId: data.orderId,
    orderNumber: data.number,
    customerId: data.customerId,
  };
}
