// GET /me: the signed-in customer's profile.
import { httpRoute } from '@commerce/lambda-kit/http';
import { customerRoutes } from '../routes.ts';
import { customers } from '../runtime.ts';

export const handler = httpRoute({
  ...customerRoutes['GET /me'],
  handler: async ({ principal, correlationId }) => ({
    status: 200,
    body: await customers.profile(principal, { correlationId }),
  }),
});
