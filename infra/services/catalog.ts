// Wiring of the catalog service: its routes (catalog.routes.ts), its subscriptions and its events.
import {
  CategoryCreated,
  CategoryDeleted,
  CategoryUpdated,
  ProductArchived,
  ProductCreated,
  ProductUpdated,
  ReviewAggregated,
} from '@commerce/events';
import type { ServiceDefinition } from '../constructs/service-definition.ts';
import { catalogRoutes } from './catalog.routes.ts';

const dir = 'functions/catalog';

export const catalogService: ServiceDefinition = {
  name: 'catalog',
  description: 'Products, variants (SKUs), categories and media references.',
  routes: catalogRoutes,
  subscriptions: [
    {
      name: 'review-aggregated',
      events: [ReviewAggregated],
      handler: `${dir}/consumers/review-aggregated.ts`,
    },
  ],
  publishes: [
    ProductCreated,
    ProductUpdated,
    ProductArchived,
    CategoryCreated,
    CategoryUpdated,
    CategoryDeleted,
  ],
};
