// GET /me/notifications: the signed-in customer's delivery log, newest first, cursor-paginated. Only the
// caller's own log: the customer is the token's subject, never a parameter.
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { paginate } from '@commerce/lambda-kit/pagination';
import { UnauthorizedError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { notificationRoutes } from '../routes.ts';
import { store } from '../runtime.ts';

export const handler = httpRoute({
  ...notificationRoutes['GET /me/notifications'],
  handler: async ({ principal, query }) => {
    if (!principal || principal.kind !== 'user') throw new UnauthorizedError('Sign in as a customer.');
    // The cursor is bound to the caller, so one customer's cursor cannot page through another's log.
    const scope = `notifications:${principal.sub}`;
    const body = await paginate(await cursors(), scope, query.cursor, (start) =>
      store.listForCustomer(principal.sub, query.limit, start),
    );
    return { status: 200, body };
  },
});
