// Consumes shipment.created, shipment.in_transit and shipment.delivered (the order moves to fulfilling,
// shipped, delivered, never back) and inventory.reservation_expired (an order still waiting for its payment
// when its stock hold ends is cancelled).
import {
  InventoryReservationExpired,
  ShipmentCreated,
  ShipmentDelivered,
  ShipmentInTransit,
} from '@commerce/events';
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod';
import { orders } from '../runtime.ts';

const { QUEUE_URL, TABLE_NAME } = loadEnv(z.object({ QUEUE_URL: z.url(), TABLE_NAME: z.string().min(1) }));

const STEP = {
  [ShipmentCreated.detailType]: 'created',
  [ShipmentInTransit.detailType]: 'in_transit',
  [ShipmentDelivered.detailType]: 'delivered',
} as const;

export const handler = eventConsumer({
  name: 'fulfilment-events',
  events: [ShipmentCreated, ShipmentInTransit, ShipmentDelivered, InventoryReservationExpired],
  idempotencyTable: TABLE_NAME,
  queueUrl: QUEUE_URL,
  handler: async (detail, event) => {
    const context = { correlationId: detail.metadata.correlationId, causationId: detail.metadata.id };
    if (event.detailType === InventoryReservationExpired.detailType) {
      return orders.onReservationExpired(detail.data.orderId, context);
    }
    const step = STEP[event.detailType as keyof typeof STEP];
    if (step === undefined) throw new Error(`No order step for ${event.detailType}`);
    const shipment = ShipmentCreated.data.parse(detail.data);
    await orders.onShipment(
      shipment.orderId,
      step,
      {
        id: shipment.shipmentId,
        carrier: shipment.carrier,
        trackingNumber: shipment.trackingNumber,
        trackingUrl: shipment.trackingUrl,
      },
      context,
    );
  },
});
