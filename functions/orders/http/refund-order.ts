// POST /orders/{id}/refunds (staff; admins above the stage's limit): refunds all or part of what was
// captured.
import { UnauthorizedError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { operations } from '../runtime.ts';

export const handler = httpRoute({
  ...ordersRoutes['POST /orders/{id}/refunds'],
  handler: async ({ principal, params, body, correlationId }) => {
    if (!principal) throw new UnauthorizedError('Sign in as staff.');
    return {
      status: 200,
      body: await operations.refundOrder(
        params.id,
        body.amount,
        // The authorizer let staff and admins in; whether this one is an admin decides above the limit.
        { sub: principal.sub, admin: principal.groups.includes('admin') },
        { correlationId },
      ),
    };
  },
});
