// POST /shipments/{id}/ship (staff): staff hand the parcel over with its tracking number (created →
// in_transit, announces shipment.in_transit); the same number again changes nothing.
import { UnauthorizedError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { shippingRoutes } from '../routes.ts';
import { shipmentView } from '../shipping.ts';
import { shipping } from '../runtime.ts';

export const handler = httpRoute({
  ...shippingRoutes['POST /shipments/{id}/ship'],
  handler: async ({ params, body, principal, correlationId }) => {
    if (!principal) throw new UnauthorizedError('Sign in as staff.');
    const record = await shipping.markShipped(params.id, body, principal.sub, { correlationId });
    return { status: 200, body: shipmentView(record) };
  },
});
