// POST /reviews/{id}/decision (staff): publish, or reject with a reason code (never the rating); logged
// with the staff member.
import { eventContextOf, httpRoute } from '@commerce/lambda-kit/http';
import { reviewRoutes } from '../routes.ts';
import { principalOf, queries, reviews } from '../runtime.ts';

export const handler = httpRoute({
  ...reviewRoutes['POST /reviews/{id}/decision'],
  handler: async ({ params, body, ...request }) => {
    await reviews.moderate(params.id, body, principalOf(request.principal).sub, eventContextOf(request));
    return { status: 200, body: await queries.staffReview(params.id) };
  },
});
