// POST /orders/{id}/cancel (staff): cancels an order before it ships, stopping its shipment first.
import { UnauthorizedError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { operations } from '../runtime.ts';

export const handler = httpRoute({
  ...ordersRoutes['POST /orders/{id}/cancel'],
  handler: async ({ principal, params, body, correlationId }) => {
    if (!principal) throw new UnauthorizedError('Sign in as staff.');
    return {
      status: 200,
      body: await operations.cancelOrder(params.id, principal.sub, body.reason, { correlationId }),
    };
  },
});
