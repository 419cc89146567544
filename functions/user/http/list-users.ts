// GET /users (admin): accounts page by page, by email prefix or group. The cursor wraps Cognito's own
// pagination token, signed and bound to the search it came from.
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { httpRoute } from '@commerce/lambda-kit/http';
import { userContract } from '../contract.ts';
import { directory, userSummaryView } from '../runtime.ts';

export const handler = httpRoute({
  ...userContract['GET /users'],
  handler: async ({ query }) => {
    const codec = await cursors();
    const scope = `users:${query.email ?? ''}:${query.group ?? ''}`;
    const token = codec.decode(query.cursor, scope)?.token;
    const page = await directory.list({
      limit: query.limit,
      ...(typeof token === 'string' ? { token } : {}),
      ...(query.email ? { emailPrefix: query.email } : {}),
      ...(query.group ? { group: query.group } : {}),
    });
    const nextCursor = codec.encode(page.token ? { token: page.token } : undefined, scope);
    return {
      status: 200,
      body: { items: page.items.map(userSummaryView), ...(nextCursor ? { nextCursor } : {}) },
    };
  },
});
