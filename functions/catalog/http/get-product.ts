// GET /products/{id}: a published product (staff also see drafts and archived ones), with its AggregateRating.
import { httpRoute } from '@commerce/lambda-kit/http';
import { catalogRoutes } from '../routes.ts';
import { catalog } from '../runtime.ts';
import { productAnswer } from './product-answer.ts';

export const handler = httpRoute({
  ...catalogRoutes['GET /products/{id}'],
  handler: async ({ params, principal }) => productAnswer(await catalog.product(params.id, principal)),
});
