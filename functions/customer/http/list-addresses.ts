// GET /me/addresses: the signed-in customer's addresses, with which ones are the defaults.
import { httpRoute } from '@commerce/lambda-kit/http';
import { customerRoutes } from '../routes.ts';
import { customers } from '../runtime.ts';

export const handler = httpRoute({
  ...customerRoutes['GET /me/addresses'],
  handler: async ({ principal, correlationId }) => ({
    status: 200,
    body: { items: await customers.addresses(principal, { correlationId }) },
  }),
});
