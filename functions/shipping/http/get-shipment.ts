// GET /shipments/{id} (staff): a shipment with its label and tracking history.
import { httpRoute } from '@commerce/lambda-kit/http';
import { shippingRoutes } from '../routes.ts';
import { shipmentView } from '../shipping.ts';
import { shipping } from '../runtime.ts';

export const handler = httpRoute({
  ...shippingRoutes['GET /shipments/{id}'],
  handler: async ({ params }) => ({ status: 200, body: shipmentView(await shipping.shipment(params.id)) }),
});
