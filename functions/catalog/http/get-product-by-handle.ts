// GET /products/by-handle/{handle}: a published product by its storefront handle, in one read, with its
// AggregateRating.
import { httpRoute } from '@commerce/lambda-kit/http';
import { catalogRoutes } from '../routes.ts';
import { catalog } from '../runtime.ts';
import { productAnswer } from './product-answer.ts';

export const handler = httpRoute({
  ...catalogRoutes['GET /products/by-handle/{handle}'],
  handler: async ({ params, principal }) =>
    productAnswer(await catalog.productByHandle(params.handle, principal)),
});
