// The catalog service: products, variants (SKUs), categories and media references.
import {
  CategoryCreated,
  CategoryDeleted,
  CategoryUpdated,
  ProductArchived,
  ProductCreated,
  ProductUpdated,
} from '@commerce/events';
import { defineService } from '@commerce/lambda-kit/service';
import { catalogRoutes } from './routes.ts';
import { catalogSubscriptions } from './subscriptions.ts';

export const catalogService = defineService({
  name: 'catalog',
  description: 'Products, variants (SKUs), categories and media references.',
  routes: catalogRoutes,
  subscriptions: catalogSubscriptions,
  publishes: [
    ProductCreated,
    ProductUpdated,
    ProductArchived,
    CategoryCreated,
    CategoryUpdated,
    CategoryDeleted,
  ],
});
