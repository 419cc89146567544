// GET /reviews (staff): the moderation queue, reviews of one status oldest first, cursor-paginated.
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { httpRoute } from '@commerce/lambda-kit/http';
import { reviewRoutes } from '../routes.ts';
import { queries } from '../runtime.ts';

export const handler = httpRoute({
  ...reviewRoutes['GET /reviews'],
  handler: async ({ query: { cursor, ...query } }) => ({
    status: 200,
    body: await queries.queue(query, cursor, await cursors()),
  }),
});
