// GET /me/search (customer): the same search at the signed-in customer's prices (their segment's list).
import { UnauthorizedError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { searchRoutes } from '../routes.ts';
import { runSearch } from '../search-request.ts';

export const handler = httpRoute({
  ...searchRoutes['GET /me/search'],
  handler: async ({ query, principal }) => {
    if (!principal) throw new UnauthorizedError('Sign in to search at your prices.');
    return { status: 200, body: await runSearch(query, principal.sub) };
  },
});
