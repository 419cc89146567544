// The catalog's HTTP contract: per route, the schemas its handler validates with and the response it gives.
// The OpenAPI document is generated from this (see scripts/generate-openapi.ts).
import { categorySnapshot, productSnapshot } from '@commerce/events';
import { defineContract, pageSchema } from '@commerce/lambda-kit/contract';
import * as z from 'zod';
import {
  categoryIdParams,
  createCategoryBody,
  createProductBody,
  handleParams,
  listProductsQuery,
  productIdParams,
  updateCategoryBody,
  updateProductBody,
} from './schemas.ts';

const product = productSnapshot.meta({ id: 'Product' });
const category = categorySnapshot.meta({ id: 'Category' });
type CategoryNode = z.infer<typeof categorySnapshot> & { children: CategoryNode[] };
const categoryNode: z.ZodType<CategoryNode> = z
  .object({ ...categorySnapshot.shape, children: z.lazy(() => z.array(categoryNode)) })
  .meta({ id: 'CategoryNode' });

const productPage = pageSchema(product, 'ProductPage');

export const catalogContract = defineContract({
  'GET /products': {
    query: listProductsQuery,
    response: { status: 200, description: 'A page of published products.', body: productPage },
  },
  'GET /products/{id}': {
    params: productIdParams,
    response: { status: 200, description: 'The product; `etag` carries its version.', body: product },
    errors: [404],
  },
  'GET /products/by-handle/{handle}': {
    params: handleParams,
    response: { status: 200, description: 'The product; `etag` carries its version.', body: product },
    errors: [404],
  },
  'POST /products': {
    body: createProductBody,
    response: { status: 201, description: 'Created; `location` names it.', body: product },
    errors: [409, 422],
  },
  'PATCH /products/{id}': {
    params: productIdParams,
    body: updateProductBody,
    response: { status: 200, description: 'The changed product.', body: product },
    errors: [404, 409, 422],
  },
  'DELETE /products/{id}': {
    params: productIdParams,
    response: { status: 200, description: 'The archived product.', body: product },
    errors: [404],
  },
  'GET /categories': {
    response: {
      status: 200,
      description: 'The category tree.',
      body: z.object({ items: z.array(categoryNode) }).meta({ id: 'CategoryTree' }),
    },
  },
  'POST /categories': {
    body: createCategoryBody,
    response: { status: 201, description: 'Created; `location` names it.', body: category },
    errors: [409, 422],
  },
  'PATCH /categories/{id}': {
    params: categoryIdParams,
    body: updateCategoryBody,
    response: { status: 200, description: 'The changed category.', body: category },
    errors: [404, 409, 422],
  },
  'DELETE /categories/{id}': {
    params: categoryIdParams,
    response: { status: 204, description: 'Deleted.' },
    errors: [404, 409],
  },
});
