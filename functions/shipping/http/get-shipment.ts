// GET /shipments/{id} (staff): a shipment with its label and tracking history.
import { httpRoute } from '@commerce/lambda-kit/http';
import { shippingContract } from '../contract.ts';
import { shipmentView } from '../shipping.ts';
import { shipping } from '../runtime.ts';

export const handler = httpRoute({
  ...shippingContract['GET /shipments/{id}'],
  handler: async ({ params }) => ({ status: 200, body: shipmentView(await shipping.shipment(params.id)) }),
});
