// DELETE /search/rules/{id} (staff): removes a merchandising rule (404 when there is none).
import { httpRoute } from '@commerce/lambda-kit/http';
import { searchRoutes } from '../routes.ts';
import { searcher } from '../runtime.ts';

export const handler = httpRoute({
  ...searchRoutes['DELETE /search/rules/{id}'],
  handler: async ({ params }) => {
    await searcher.deleteRule(params.id);
    return { status: 204 };
  },
});
