// The catalog's routes, each declared once: its handler, who may call it, what it calls, the schemas the
// handler validates with and the response it gives. The API, the OpenAPI document and the authorizer's route
// table are built from these entries (scripts/generate.ts).
import { categorySnapshot, productSnapshot } from '@commerce/events';
import { pageSchema } from '@commerce/lambda-kit/contract';
import { defineRoutes } from '@commerce/lambda-kit/service';
import { mediaResolve } from '@commerce/contracts';
import * as z from 'zod/mini';
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

const product = productSnapshot.check(z.meta({ id: 'Product' }));
/** One product's answer: the product and, once it has reviews, schema.org's AggregateRating of them. */
const productDetail = z
  .object({
    ...productSnapshot.shape,
    aggregateRating: z.optional(
      z
        .object({
          '@type': z.literal('AggregateRating'),
          ratingValue: z
            .number()
            .check(z.gte(0), z.lte(5), z.describe('The average rating, to two decimals.')),
          reviewCount: z.number().check(z.int(), z.positive()),
          bestRating: z.literal(5),
          worstRating: z.literal(1),
        })
        .check(
          z.meta({
            id: 'AggregateRating',
            description: 'schema.org’s AggregateRating, for the product page’s structured data (JSON-LD).',
          }),
        ),
    ),
  })
  .check(z.meta({ id: 'ProductDetail' }));
const category = categorySnapshot.check(z.meta({ id: 'Category' }));
type CategoryNode = z.infer<typeof categorySnapshot> & { children: CategoryNode[] };
const categoryNode: z.ZodMiniType<CategoryNode> = z
  .object({ ...categorySnapshot.shape, children: z.lazy(() => z.array(categoryNode)) })
  .check(z.meta({ id: 'CategoryNode' }));

const productPage = pageSchema(product, 'ProductPage');

export const catalogRoutes = defineRoutes('catalog', {
  'GET /products': {
    entry: 'http/list-products.ts',
    access: 'public',
    summary: 'List published products, optionally in one category.',
    readOnly: true,
    paginates: true,
    query: listProductsQuery,
    response: { status: 200, description: 'A page of published products.', body: productPage },
  },
  'GET /products/{id}': {
    entry: 'http/get-product.ts',
    access: 'public',
    summary: 'Get a published product.',
    readOnly: true,
    params: productIdParams,
    response: {
      status: 200,
      description: 'The product; `etag` carries its version. `aggregateRating` once it has reviews.',
      body: productDetail,
    },
    errors: [404],
  },
  'GET /products/by-handle/{handle}': {
    entry: 'http/get-product-by-handle.ts',
    access: 'public',
    summary: 'Get a published product by its handle.',
    readOnly: true,
    params: handleParams,
    response: {
      status: 200,
      description: 'The product; `etag` carries its version. `aggregateRating` once it has reviews.',
      body: productDetail,
    },
    errors: [404],
  },
  'POST /products': {
    entry: 'http/create-product.ts',
    invokes: [mediaResolve],
    access: 'staff',
    scopes: ['commerce/catalog.write'],
    summary: 'Create a product.',
    body: createProductBody,
    response: {
      status: 201,
      description:
        'Created; `location` names it. Its images are the media service’s (422 `media-not-usable` names each ' +
        'id that is not a ready product image).',
      body: product,
    },
    errors: [409, 422],
  },
  'PATCH /products/{id}': {
    entry: 'http/update-product.ts',
    invokes: [mediaResolve],
    access: 'staff',
    scopes: ['commerce/catalog.write'],
    summary: 'Change a product; the body carries the version it was read at.',
    params: productIdParams,
    body: updateProductBody,
    response: { status: 200, description: 'The changed product.', body: product },
    errors: [404, 409, 422],
  },
  'DELETE /products/{id}': {
    entry: 'http/archive-product.ts',
    access: 'staff',
    scopes: ['commerce/catalog.write'],
    summary: 'Archive a product.',
    params: productIdParams,
    response: { status: 200, description: 'The archived product.', body: product },
    errors: [404],
  },
  'GET /categories': {
    entry: 'http/list-categories.ts',
    access: 'public',
    summary: 'The category tree.',
    readOnly: true,
    response: {
      status: 200,
      description: 'The category tree.',
      body: z.object({ items: z.array(categoryNode) }).check(z.meta({ id: 'CategoryTree' })),
    },
  },
  'POST /categories': {
    entry: 'http/create-category.ts',
    access: 'staff',
    scopes: ['commerce/catalog.write'],
    summary: 'Create a category.',
    body: createCategoryBody,
    response: { status: 201, description: 'Created; `location` names it.', body: category },
    errors: [409, 422],
  },
  'PATCH /categories/{id}': {
    entry: 'http/update-category.ts',
    access: 'staff',
    scopes: ['commerce/catalog.write'],
    summary: 'Rename, move or reorder a category.',
    params: categoryIdParams,
    body: updateCategoryBody,
    response: { status: 200, description: 'The changed category.', body: category },
    errors: [404, 409, 422],
  },
  'DELETE /categories/{id}': {
    entry: 'http/delete-category.ts',
    access: 'staff',
    scopes: ['commerce/catalog.write'],
    summary: 'Delete a category that has no subcategories.',
    params: categoryIdParams,
    response: { status: 204, description: 'Deleted.' },
    errors: [404, 409],
  },
});
