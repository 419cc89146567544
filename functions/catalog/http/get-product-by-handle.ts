// GET /products/by-handle/{handle}: a published product by its storefront handle, in one read.
import { NotFoundError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { canSeeUnpublished, store } from '../runtime.ts';
import { catalogRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...catalogRoutes['GET /products/by-handle/{handle}'],
  handler: async ({ params, principal }) => {
    const product = await store.getProductByHandle(params.handle);
    if (!product || (product.status !== 'published' && !canSeeUnpublished(principal))) {
      throw new NotFoundError(`No product with handle ${params.handle}.`);
    }
    return { status: 200, body: product, headers: { etag: `"${product.version}"` } };
  },
});
