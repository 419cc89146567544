// GET /users/{id} (admin): one account with its groups.
import { httpRoute } from '@commerce/lambda-kit/http';
import { userRoutes } from '../routes.ts';
import { users } from '../runtime.ts';

export const handler = httpRoute({
  ...userRoutes['GET /users/{id}'],
  handler: async ({ params }) => ({ status: 200, body: await users.get(params.id) }),
});
