// DELETE /me: the customer leaves. The sign-in account is signed out and deleted first (so a failure
// leaves nothing half done that the customer could still use), then the profile is anonymized, the
// addresses deleted and customer.deleted announced, in one transaction.
import { httpRoute } from '@commerce/lambda-kit/http';
import { customerRoutes } from '../routes.ts';
import { accountClosure } from '../runtime.ts';

const closure = accountClosure();

export const handler = httpRoute({
  ...customerRoutes['DELETE /me'],
  handler: async ({ principal, correlationId }) => {
    await closure.close(principal, { correlationId });
    return { status: 204 };
  },
});
