// POST /me/addresses: add an address, optionally as the default for shipping and/or billing.
import { httpRoute } from '@commerce/lambda-kit/http';
import { customerRoutes } from '../routes.ts';
import { customers } from '../runtime.ts';

export const handler = httpRoute({
  ...customerRoutes['POST /me/addresses'],
  handler: async ({ principal, body, correlationId }) => {
    const address = await customers.addAddress(principal, body, { correlationId });
    return { status: 201, body: address, headers: { location: `/me/addresses/${address.id}` } };
  },
});
