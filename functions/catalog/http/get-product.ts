// GET /products/{id}: a published product (staff also see drafts and archived ones).
import { NotFoundError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { canSeeUnpublished, store } from '../runtime.ts';
import { catalogRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...catalogRoutes['GET /products/{id}'],
  handler: async ({ params, principal }) => {
    const product = await store.getProduct(params.id);
    if (!product || (product.status !== 'published' && !canSeeUnpublished(principal))) {
      throw new NotFoundError(`No product ${params.id}.`);
    }
    return { status: 200, body: product, headers: { etag: `"${product.version}"` } };
  },
});
