// Consumes shipment.created, shipment.in_transit and shipment.delivered (the order moves to fulfilling,
// shipped, delivered, never back) and inventory.reservation_expired (an order still waiting for its payment
// when its stock hold ends is cancelled).
import type { EventData, ShipmentCreated } from '@commerce/events';
import { eventConsumer, type ConsumedEvent } from '@commerce/lambda-kit/consumer';
import { lifecycle } from '../runtime.ts';
import { ordersSubscriptions } from '../subscriptions.ts';

/** The shipment events share one announcement shape; each moves the order to its own step. */
const shipmentStep =
  (step: 'created' | 'in_transit' | 'delivered') =>
  (shipment: EventData<typeof ShipmentCreated>, event: ConsumedEvent) =>
    lifecycle.onShipment(
      shipment.orderId,
      step,
      {
        id: shipment.shipmentId,
        carrier: shipment.carrier,
        trackingNumber: shipment.trackingNumber,
        trackingUrl: shipment.trackingUrl,
      },
      event,
    );

export const handler = eventConsumer(ordersSubscriptions['fulfilment-events'], {
  'shipment.created': shipmentStep('created'),
  'shipment.in_transit': shipmentStep('in_transit'),
  'shipment.delivered': shipmentStep('delivered'),
  'inventory.reservation_expired': ({ orderId }, event) => lifecycle.onReservationExpired(orderId, event),
});
