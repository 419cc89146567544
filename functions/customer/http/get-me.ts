// GET /me: the signed-in customer's profile.
import { httpRoute } from '@commerce/lambda-kit/http';
import { currentCustomer, profileView } from '../runtime.ts';
import { customerRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...customerRoutes['GET /me'],
  handler: async ({ principal, correlationId }) => ({
    status: 200,
    body: profileView(await currentCustomer(principal, correlationId)),
  }),
});
