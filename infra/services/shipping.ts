// Wiring of the shipping service: zones and methods with their rates, the rate quote (public and internal),
// shipments with their labels from the carrier, staff hand-over and the carriers' tracking webhooks.
import { ShipmentCancelled, ShipmentCreated, ShipmentDelivered, ShipmentInTransit } from '@commerce/events';
import type { ServiceDefinition } from '../constructs/service-definition.ts';
import { shippingRoutes } from './shipping.routes.ts';

const dir = 'functions/shipping/internal';

export const shippingService: ServiceDefinition = {
  name: 'shipping',
  description: 'Shipping zones, methods and rates, rate quotes, shipments, labels and carrier tracking.',
  routes: shippingRoutes,
  // Orders call createShipment synchronously once an order is paid; an order.paid consumer follows when
  // that event exists (docs/shipping.md).
  subscriptions: [],
  publishes: [ShipmentCreated, ShipmentInTransit, ShipmentDelivered, ShipmentCancelled],
  internal: [
    {
      name: 'quoteRates',
      handler: `${dir}/quote-rates.ts`,
      description: 'the shipping offers for a cart (checkout)',
      readOnly: true,
    },
    {
      name: 'createShipment',
      handler: `${dir}/create-shipment.ts`,
      description: "buys the label for a paid order's parcels and stores the shipment (idempotent)",
    },
  ],
};
