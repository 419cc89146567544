// POST /categories (staff): a new category, at the root or under an existing parent.
import { CategoryCreated } from '@commerce/events';
import { httpRoute } from '@commerce/lambda-kit/http';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import { randomUUID } from 'node:crypto';
import type { Category } from '../domain/category.ts';
import { store } from '../runtime.ts';
import { catalogRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...catalogRoutes['POST /categories'],
  handler: async ({ body, correlationId }) => {
    const category: Category = { id: randomUUID(), ...body, version: 1 };
    await store.createCategory(category, outboxItem(CategoryCreated, category, { correlationId }));
    return { status: 201, body: category, headers: { location: `/categories/${category.id}` } };
  },
});
