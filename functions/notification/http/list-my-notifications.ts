// GET /me/notifications: the signed-in customer's delivery log, newest first, cursor-paginated. Only the
// caller's own log: the customer is the token's subject, never a parameter.
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { httpRoute } from '@commerce/lambda-kit/http';
import { notificationRoutes } from '../routes.ts';
import { deliveryLog } from '../runtime.ts';

export const handler = httpRoute({
  ...notificationRoutes['GET /me/notifications'],
  handler: async ({ principal, query }) => ({
    status: 200,
    body: await deliveryLog.forCaller(principal, query, await cursors()),
  }),
});
