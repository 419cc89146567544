// GET /search/synonyms (staff): the synonym list and its version.
import { httpRoute } from '@commerce/lambda-kit/http';
import { searchRoutes } from '../routes.ts';
import { searcher } from '../runtime.ts';

export const handler = httpRoute({
  ...searchRoutes['GET /search/synonyms'],
  handler: async () => ({ status: 200, body: await searcher.synonyms() }),
});
