// DELETE /users/{id}/groups/{group} (admin): removes an account from staff or admin. Not yourself from admin (422).
import { httpRoute } from '@commerce/lambda-kit/http';
import { userRoutes } from '../routes.ts';
import { users } from '../runtime.ts';

export const handler = httpRoute({
  ...userRoutes['DELETE /users/{id}/groups/{group}'],
  handler: async ({ params, principal, correlationId }) => ({
    status: 200,
    body: await users.administer(
      principal,
      params.id,
      { kind: 'remove-group', group: params.group },
      { correlationId },
    ),
  }),
});
