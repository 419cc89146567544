// PUT /me/addresses/{id}: replace one of the signed-in customer's addresses.
import { httpRoute } from '@commerce/lambda-kit/http';
import { customerRoutes } from '../routes.ts';
import { customers } from '../runtime.ts';

export const handler = httpRoute({
  ...customerRoutes['PUT /me/addresses/{id}'],
  handler: async ({ principal, params, body, correlationId }) => ({
    status: 200,
    body: await customers.replaceAddress(principal, params.id, body, { correlationId }),
  }),
});
