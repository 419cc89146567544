// PUT /customers/{id}/segments (staff): the customer's segments (wholesale, vip, ...), used by pricing.
import { httpRoute } from '@commerce/lambda-kit/http';
import { customerRoutes } from '../routes.ts';
import { customers } from '../runtime.ts';

export const handler = httpRoute({
  ...customerRoutes['PUT /customers/{id}/segments'],
  handler: async ({ params, body, correlationId }) => ({
    status: 200,
    body: await customers.setSegments(params.id, body.version, body.segments, { correlationId }),
  }),
});
