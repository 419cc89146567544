// GET /search/rules (staff): every merchandising rule.
import { httpRoute } from '@commerce/lambda-kit/http';
import { searchRoutes } from '../routes.ts';
import { searcher } from '../runtime.ts';

export const handler = httpRoute({
  ...searchRoutes['GET /search/rules'],
  handler: async () => ({ status: 200, body: await searcher.rules() }),
});
