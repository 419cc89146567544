// GET /review-settings (staff): the auto-publish rules.
import { httpRoute } from '@commerce/lambda-kit/http';
import { reviewRoutes } from '../routes.ts';
import { queries } from '../runtime.ts';

export const handler = httpRoute({
  ...reviewRoutes['GET /review-settings'],
  handler: async () => ({ status: 200, body: await queries.rules() }),
});
