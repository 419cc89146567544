// The catalog's routes and the access each needs. Plain data without imports, so the Auth service's
// authorizer can bundle the route table without the rest of the wiring.
import type { RouteDefinition } from '../constructs/service-definition.ts';

const dir = 'functions/catalog';

export const catalogRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/products',
    access: 'public',
    handler: `${dir}/http/list-products.ts`,
    summary: 'List published products, optionally in one category.',
    paginates: true,
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/products/{id}',
    access: 'public',
    handler: `${dir}/http/get-product.ts`,
    summary: 'Get a published product.',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/products/by-handle/{handle}',
    access: 'public',
    handler: `${dir}/http/get-product-by-handle.ts`,
    summary: 'Get a published product by its handle.',
    readOnly: true,
  },
  {
    method: 'POST',
    path: '/products',
    access: 'staff',
    scopes: ['commerce/catalog.write'],
    handler: `${dir}/http/create-product.ts`,
    summary: 'Create a product.',
  },
  {
    method: 'PATCH',
    path: '/products/{id}',
    access: 'staff',
    scopes: ['commerce/catalog.write'],
    handler: `${dir}/http/update-product.ts`,
    summary: 'Change a product; the body carries the version it was read at.',
  },
  {
    method: 'DELETE',
    path: '/products/{id}',
    access: 'staff',
    scopes: ['commerce/catalog.write'],
    handler: `${dir}/http/archive-product.ts`,
    summary: 'Archive a product.',
  },
  {
    method: 'GET',
    path: '/categories',
    access: 'public',
    handler: `${dir}/http/list-categories.ts`,
    summary: 'The category tree.',
    readOnly: true,
  },
  {
    method: 'POST',
    path: '/categories',
    access: 'staff',
    scopes: ['commerce/catalog.write'],
    handler: `${dir}/http/create-category.ts`,
    summary: 'Create a category.',
  },
  {
    method: 'PATCH',
    path: '/categories/{id}',
    access: 'staff',
    scopes: ['commerce/catalog.write'],
    handler: `${dir}/http/update-category.ts`,
    summary: 'Rename, move or reorder a category.',
  },
  {
    method: 'DELETE',
    path: '/categories/{id}',
    access: 'staff',
    scopes: ['commerce/catalog.write'],
    handler: `${dir}/http/delete-category.ts`,
    summary: 'Delete a category that has no subcategories.',
  },
];
