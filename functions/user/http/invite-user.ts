// POST /users (admin): invites a staff member or admin by email; Cognito sends the temporary password.
import { httpRoute } from '@commerce/lambda-kit/http';
import { userRoutes } from '../routes.ts';
import { users } from '../runtime.ts';

export const handler = httpRoute({
  ...userRoutes['POST /users'],
  handler: async ({ body, principal, correlationId }) => {
    const account = await users.invite(principal, body, { correlationId });
    return { status: 201, body: account, headers: { location: `/users/${account.id}` } };
  },
});
