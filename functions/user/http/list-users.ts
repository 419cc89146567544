// GET /users (admin): accounts page by page, by email prefix or group. The cursor wraps Cognito's own
// pagination token, signed and bound to the search it came from.
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { paginate } from '@commerce/lambda-kit/pagination';
import { httpRoute } from '@commerce/lambda-kit/http';
import { userRoutes } from '../routes.ts';
import { directory, userSummaryView } from '../runtime.ts';

export const handler = httpRoute({
  ...userRoutes['GET /users'],
  handler: async ({ query }) => {
    const scope = `users:${query.email ?? ''}:${query.group ?? ''}`;
    const page = await paginate(await cursors(), scope, query.cursor, async (start) => {
      const token = start?.token;
      const listed = await directory.list({
        limit: query.limit,
        ...(typeof token === 'string' ? { token } : {}),
        ...(query.email ? { emailPrefix: query.email } : {}),
        ...(query.group ? { group: query.group } : {}),
      });
      return { items: listed.items, lastKey: listed.token ? { token: listed.token } : undefined };
    });
    return { status: 200, body: { ...page, items: page.items.map(userSummaryView) } };
  },
});
