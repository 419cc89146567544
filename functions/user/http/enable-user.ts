// POST /users/{id}/enable (admin): enables a disabled account again.
import { httpRoute } from '@commerce/lambda-kit/http';
import { userRoutes } from '../routes.ts';
import { users } from '../runtime.ts';

export const handler = httpRoute({
  ...userRoutes['POST /users/{id}/enable'],
  handler: async ({ params, principal, correlationId }) => ({
    status: 200,
    body: await users.administer(principal, params.id, { kind: 'enable' }, { correlationId }),
  }),
});
