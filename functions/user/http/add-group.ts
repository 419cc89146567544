// PUT /users/{id}/groups/{group} (admin): adds an account to staff or admin.
import { httpRoute } from '@commerce/lambda-kit/http';
import { userRoutes } from '../routes.ts';
import { users } from '../runtime.ts';

export const handler = httpRoute({
  ...userRoutes['PUT /users/{id}/groups/{group}'],
  handler: async ({ params, principal, correlationId }) => ({
    status: 200,
    body: await users.administer(
      principal,
      params.id,
      { kind: 'add-group', group: params.group },
      { correlationId },
    ),
  }),
});
