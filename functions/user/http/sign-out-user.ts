// POST /users/{id}/sign-out (admin): signs an account out everywhere. Cognito revokes its refresh tokens;
// access tokens already issued stay valid until they expire, since the authorizer verifies them offline.
import { httpRoute } from '@commerce/lambda-kit/http';
import { userRoutes } from '../routes.ts';
import { users } from '../runtime.ts';

export const handler = httpRoute({
  ...userRoutes['POST /users/{id}/sign-out'],
  handler: async ({ params, principal, correlationId }) => {
    await users.administer(principal, params.id, { kind: 'sign-out' }, { correlationId });
    return { status: 204 };
  },
});
