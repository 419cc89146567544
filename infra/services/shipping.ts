// Wiring of the shipping service: zones and methods with their rates, the rate quote (public and internal),
// shipments with their labels from the carrier, staff hand-over and the carriers' tracking webhooks.
import {
  OrderPaid,
  ShipmentCancelled,
  ShipmentCreated,
  ShipmentDelivered,
  ShipmentInTransit,
} from '@commerce/events';
import type { ServiceDefinition } from '../constructs/service-definition.ts';
import { shippingRoutes } from './shipping.routes.ts';

const dir = 'functions/shipping/internal';

export const shippingService: ServiceDefinition = {
  name: 'shipping',
  description: 'Shipping zones, methods and rates, rate quotes, shipments, labels and carrier tracking.',
  routes: shippingRoutes,
  subscriptions: [
    {
      name: 'order-paid',
      events: [OrderPaid],
      handler: 'functions/shipping/consumers/order-paid.ts',
    },
  ],
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
