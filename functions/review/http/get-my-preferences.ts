// GET /me/review-preferences (customer): whether I get review requests by email.
import { httpRoute } from '@commerce/lambda-kit/http';
import { reviewRoutes } from '../routes.ts';
import { principalOf, requests } from '../runtime.ts';

export const handler = httpRoute({
  ...reviewRoutes['GET /me/review-preferences'],
  handler: async ({ principal }) => ({
    status: 200,
    body: { requestEmails: await requests.requestEmails(principalOf(principal).sub) },
  }),
});
