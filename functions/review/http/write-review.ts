// POST /products/{id}/reviews (customer): a verified buyer's review of a product, once.
import { eventContextOf, httpRoute } from '@commerce/lambda-kit/http';
import { reviewRoutes } from '../routes.ts';
import { principalOf, reviews } from '../runtime.ts';
import { ownView } from '../views.ts';

export const handler = httpRoute({
  ...reviewRoutes['POST /products/{id}/reviews'],
  handler: async ({ params, body: { name, rating, ...input }, ...request }) => {
    const { sub } = principalOf(request.principal);
    const review = await reviews.write(
      { kind: 'customer', customerId: sub, name: name ?? '' },
      params.id,
      { ...input, rating: rating as 1 | 2 | 3 | 4 | 5 },
      eventContextOf(request),
    );
    return { status: 201, body: ownView(review), headers: { location: `/me/reviews` } };
  },
});
