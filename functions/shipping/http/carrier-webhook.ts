// POST /webhooks/carriers/{carrier} (public: the carrier's signature authenticates, not a token): verifies
// the delivery over the exact raw body, then applies the event once per event id (shipment.in_transit,
// shipment.delivered ...). A bad signature is 401 invalid-webhook-signature, an unknown carrier 404.
import { httpRoute } from '@commerce/lambda-kit/http';
import { shippingRoutes } from '../routes.ts';
import { shipping } from '../runtime.ts';

export const handler = httpRoute({
  ...shippingRoutes['POST /webhooks/carriers/{carrier}'],
  handler: async ({ params, rawBody, headers, correlationId }) => {
    const result = await shipping.receiveWebhook(params.carrier, rawBody ?? '', headers, { correlationId });
    return {
      status: 200,
      body: {
        received: true,
        eventId: result.eventId,
        outcome: result.outcome,
        ...(result.shipment === undefined
          ? {}
          : { shipmentId: result.shipment.shipment.id, status: result.shipment.shipment.status }),
      },
    };
  },
});
