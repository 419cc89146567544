// The shipping service: zones and methods with their rates, the rate quote (public and internal), shipments
// with their labels from the carrier, staff hand-over and the carriers' tracking webhooks.
import { ShipmentCancelled, ShipmentCreated, ShipmentDelivered, ShipmentInTransit } from '@commerce/events';
import { shippingCancelShipment, shippingCreateShipment, shippingQuoteRates } from '@commerce/contracts';
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
    { contract: shippingQuoteRates, entry: 'internal/quote-rates.ts', readOnly: true },
    { contract: shippingCreateShipment, entry: 'internal/create-shipment.ts' },
    { contract: shippingCancelShipment, entry: 'internal/cancel-shipment.ts' },
  ],
});
