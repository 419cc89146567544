// POST /users/{id}/reset-password (admin): forces a password reset; Cognito emails the account a code.
import { httpRoute } from '@commerce/lambda-kit/http';
import { userRoutes } from '../routes.ts';
import { users } from '../runtime.ts';

export const handler = httpRoute({
  ...userRoutes['POST /users/{id}/reset-password'],
  handler: async ({ params, principal, correlationId }) => ({
    status: 200,
    body: await users.administer(principal, params.id, { kind: 'reset-password' }, { correlationId }),
  }),
});
