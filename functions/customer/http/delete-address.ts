// DELETE /me/addresses/{id}: remove one of the signed-in customer's addresses (and it as a default).
import { httpRoute } from '@commerce/lambda-kit/http';
import { customerRoutes } from '../routes.ts';
import { customers } from '../runtime.ts';

export const handler = httpRoute({
  ...customerRoutes['DELETE /me/addresses/{id}'],
  handler: async ({ principal, params, correlationId }) => {
    await customers.removeAddress(principal, params.id, { correlationId });
    return { status: 204 };
  },
});
