// POST /users/{id}/disable (admin): disables an account so it can no longer sign in. Not your own (422).
import { httpRoute } from '@commerce/lambda-kit/http';
import { userRoutes } from '../routes.ts';
import { users } from '../runtime.ts';

export const handler = httpRoute({
  ...userRoutes['POST /users/{id}/disable'],
  handler: async ({ params, principal, correlationId }) => ({
    status: 200,
    body: await users.administer(principal, params.id, { kind: 'disable' }, { correlationId }),
  }),
});
