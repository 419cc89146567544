// The shipping service: zones and methods with their rates, the rate quote (public and internal), shipments
// with their labels from the carrier, staff hand-over and the carriers' tracking webhooks.
import { ShipmentCancelled, ShipmentCreated, ShipmentDelivered, ShipmentInTransit } from '@commerce/events';
import { defineService } from '@commerce/lambda-kit/service';
import { shippingRoutes } from './routes.ts';
import { shippingSubscriptions } from './subscriptions.ts';

export const shippingService = defineService({
  name: 'shipping',
  description: 'Shipping zones, methods and rates, rate quotes, shipments, labels and carrier tracking.',
  routes: shippingRoutes,
  subscriptions: shippingSubscriptions,
  publishes: [ShipmentCreated, ShipmentInTransit, ShipmentDelivered, ShipmentCancelled],
  internal: [
    {
      name: 'quoteRates',
      entry: 'internal/quote-rates.ts',
      description: 'the shipping offers for a cart (checkout)',
      readOnly: true,
    },
    {
      name: 'createShipment',
      entry: 'internal/create-shipment.ts',
      description: "buys the label for a paid order's parcels and stores the shipment (idempotent)",
    },
  ],
});
