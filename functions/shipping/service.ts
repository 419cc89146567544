// The shipping service: zones and methods with their rates, the rate quote (public and internal), shipments
// with their labels from the carrier, staff hand-over and the carriers' tracking webhooks.
//
// Carriers (docs/shipping.md, "Carriers per stage"): the stage's `shipping.carriers` and `defaultCarrier`
// reach every function as SHIPPING_CARRIERS and SHIPPING_DEFAULT_CARRIER. On stages with `shipping.secret`
// the functions read the carriers' keys from commerce/<stage>/shipping (created in the Data stack) and may
// read nothing else; the local stage has none and signs sandbox webhooks with its published local secret.
import { ShipmentCancelled, ShipmentCreated, ShipmentDelivered, ShipmentInTransit } from '@commerce/events';
import { shippingCancelShipment, shippingCreateShipment, shippingQuoteRates } from '@commerce/contracts';
import { defineService } from '@commerce/lambda-kit/service';
import { shippingRoutes } from './routes.ts';
import { shippingSubscriptions } from './subscriptions.ts';

/** The Secrets Manager secret that holds the carriers' keys on stages that keep one. */
export function shippingSecretName(stage: string): string {
  return `commerce/${stage}/shipping`;
}

/** The stage settings the shipping service reads. */
interface ShippingStage {
  readonly stage: string;
  readonly shipping: {
    readonly carriers: readonly string[];
    readonly defaultCarrier: string;
    readonly secret: boolean;
  };
}

export const shippingService = defineService<ShippingStage>({
  name: 'shipping',
  description: 'Shipping zones, methods and rates, rate quotes, shipments, labels and carrier tracking.',
  routes: shippingRoutes,
  subscriptions: shippingSubscriptions,
  publishes: [ShipmentCreated, ShipmentInTransit, ShipmentDelivered, ShipmentCancelled],
  internal: [
    { contract: shippingQuoteRates, entry: 'internal/quote-rates.ts', readOnly: true },
    {
      contract: shippingCreateShipment,
      entry: 'internal/create-shipment.ts',
      permissions: ['carrierSecret'],
    },
    {
      contract: shippingCancelShipment,
      entry: 'internal/cancel-shipment.ts',
      permissions: ['carrierSecret'],
    },
  ],
  environment: ({ stage, shipping }) => ({
    SHIPPING_CARRIERS: shipping.carriers.join(','),
    SHIPPING_DEFAULT_CARRIER: shipping.defaultCarrier,
    ...(shipping.secret ? { SHIPPING_SECRET_ARN: shippingSecretName(stage) } : {}),
  }),
  permissions: {
    // Only the functions that call a carrier (create or cancel a shipment, read its webhooks) name it.
    carrierSecret: ({ stage, shipping }, aws) =>
      shipping.secret
        ? [
            {
              actions: ['secretsmanager:GetSecretValue'],
              // A secret's ARN ends in six random characters after its name.
              resources: [
                `arn:${aws.partition}:secretsmanager:${aws.region}:${aws.account}:secret:${shippingSecretName(stage)}-??????`,
              ],
            },
          ]
        : [],
  },
});
