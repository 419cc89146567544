// PUT /me/review-preferences (customer): review requests by email on or off.
import { httpRoute } from '@commerce/lambda-kit/http';
import { reviewRoutes } from '../routes.ts';
import { principalOf, requests } from '../runtime.ts';

export const handler = httpRoute({
  ...reviewRoutes['PUT /me/review-preferences'],
  handler: async ({ principal, body }) => ({
    status: 200,
    body: await requests.setRequestEmails(principalOf(principal).sub, body.requestEmails),
  }),
});
