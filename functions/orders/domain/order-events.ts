// What each order step announces, as the event catalog defines it: the data the other services and the
// notifications read. Every step builds its event here, so an event type's data is made in one place, and
// the use case writes the step's events to the outbox as they are (`toOutbox`).
import {
  domainEvent,
  OrderCancelled,
  OrderCreated,
  OrderDelivered,
  OrderFulfilmentStarted,
  OrderPaid,
  OrderRefunded,
  OrderShipped,
  type DomainEvent,
  type EventData,
} from '@commerce/events';
import { orderPaymentId, type Order, type OrderLine, type Shipment, type ShipmentNotice } from './order.ts';

/** Why an order was cancelled, as order.cancelled tells the other services. */
export type CancelReason = EventData<typeof OrderCancelled>['reason'];

type ShipmentData = EventData<typeof OrderShipped>['shipment'];

/** What every order.* event carries: which order, whose, and how to reach the customer. */
function orderRef(order: Order) {
  return {
    orderId: order.id,
    number: order.number,
    customerId: order.customerId,
    currency: order.currency,
    contact: {
      email: order.contact.email,
      name: order.shippingAddress.name,
      smsUpdates: order.contact.smsUpdates,
      ...(order.contact.locale === undefined ? {} : { locale: order.contact.locale }),
      ...(order.contact.phone === undefined ? {} : { phone: order.contact.phone }),
    },
  };
}

function shipmentData(shipment: ShipmentNotice | Shipment): ShipmentData {
  return {
    shipmentId: shipment.id,
    carrier: shipment.carrier,
    trackingNumber: shipment.trackingNumber,
    ...('trackingUrl' in shipment && shipment.trackingUrl !== undefined
      ? { trackingUrl: shipment.trackingUrl }
      : {}),
  };
}

/** A line's product, when the order recorded it (orders placed before it did have none). */
const productOf = (line: OrderLine) => (line.productId === undefined ? {} : { productId: line.productId });

const lineRefs = (order: Order) =>
  order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, ...productOf(l) }));

export function orderCreated(order: Order): DomainEvent<typeof OrderCreated> {
  return domainEvent(OrderCreated, {
    ...orderRef(order),
    lines: order.lines.map((l) => ({
      sku: l.sku,
      title: l.title,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      lineTotal: l.lineTotal,
      ...productOf(l),
    })),
    totals: order.totals,
    shippingMethod: order.shippingMethod,
    paymentProvider: order.payment.provider,
  });
}

/** `order` as paid: what was captured, and what shipping needs for the parcel. */
export function orderPaid(order: Order): DomainEvent<typeof OrderPaid> {
  return domainEvent(OrderPaid, {
    ...orderRef(order),
    paymentId: orderPaymentId(order),
    capturedAmount: order.payment.capturedAmount,
    lines: lineRefs(order),
    shipTo: order.shippingAddress,
    shippingMethod: order.shippingMethod,
    totalWeightGrams: order.totalWeightGrams,
  });
}

export function orderFulfilmentStarted(
  order: Order,
  shipment: ShipmentNotice,
): DomainEvent<typeof OrderFulfilmentStarted> {
  return domainEvent(OrderFulfilmentStarted, { ...orderRef(order), shipment: shipmentData(shipment) });
}

export function orderShipped(order: Order, shipment: ShipmentNotice): DomainEvent<typeof OrderShipped> {
  return domainEvent(OrderShipped, { ...orderRef(order), shipment: shipmentData(shipment) });
}

/**
 * The shipment as announced, else as the order recorded it (none for an order that never had one), and the
 * lines delivered with their products: the review service lets the buyer review each product.
 */
export function orderDelivered(
  order: Order,
  shipment: ShipmentNotice | undefined,
): DomainEvent<typeof OrderDelivered> {
  const delivered = shipment ?? order.shipment;
  return domainEvent(OrderDelivered, {
    ...orderRef(order),
    ...(delivered ? { shipment: shipmentData(delivered) } : {}),
    lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, title: l.title, ...productOf(l) })),
  });
}

/** `after` as cancelled from `before`: what inventory releases and what payment voids or refunds. */
export function orderCancelled(
  before: Order,
  after: Order,
  reason: CancelReason,
): DomainEvent<typeof OrderCancelled> {
  return domainEvent(OrderCancelled, {
    ...orderRef(after),
    previousStatus: before.status,
    reason,
    paymentId: after.payment.id ?? null,
    paymentStatus: after.payment.status,
    refundDue: before.payment.capturedAmount - before.payment.refundedAmount,
    lines: lineRefs(after),
  });
}

export function orderRefunded(
  order: Order,
  refund: Omit<EventData<typeof OrderRefunded>, keyof ReturnType<typeof orderRef>>,
): DomainEvent<typeof OrderRefunded> {
  return domainEvent(OrderRefunded, { ...orderRef(order), ...refund });
}
