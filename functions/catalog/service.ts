// The catalog service: products, variants (SKUs), categories and media references, and the read-only
// exports of both that search's reindex invokes.
import {
  CategoryCreated,
  CategoryDeleted,
  CategoryUpdated,
  ProductArchived,
  ProductCreated,
  ProductUpdated,
} from '@commerce/events';
import { catalogExportCategories, catalogExportProducts } from '@commerce/contracts';
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
  internal: [
    { contract: catalogExportProducts, entry: 'internal/export-products.ts', readOnly: true },
    { contract: catalogExportCategories, entry: 'internal/export-categories.ts', readOnly: true },
  ],
});
