// PUT /review-settings (admin): the auto-publish rules for reviews written from now on.
import { httpRoute } from '@commerce/lambda-kit/http';
import { reviewRoutes } from '../routes.ts';
import { reviews } from '../runtime.ts';

export const handler = httpRoute({
  ...reviewRoutes['PUT /review-settings'],
  handler: async ({ body }) => ({ status: 200, body: await reviews.setRules(body) }),
});
