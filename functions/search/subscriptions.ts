// Search's bus subscriptions: the CDK app builds their rules and queues, the consumers read the same entries.
import {
  CategoryCreated,
  CategoryDeleted,
  CategoryUpdated,
  CustomerDeleted,
  CustomerRegistered,
  CustomerUpdated,
  InventoryBackInStock,
  InventoryLowStock,
  InventoryOutOfStock,
  PriceChanged,
  ProductArchived,
  ProductCreated,
  ProductUpdated,
  PromotionEnded,
  PromotionStarted,
  ReviewAggregated,
} from '@commerce/events';
import { defineSubscriptions } from '@commerce/lambda-kit/service';

export const searchSubscriptions = defineSubscriptions('search', {
  'catalog-changed': {
    entry: 'consumers/catalog-changed.ts',
    description: 'indexes products and re-files them when their categories change',
    events: [
      ProductCreated,
      ProductUpdated,
      ProductArchived,
      CategoryCreated,
      CategoryUpdated,
      CategoryDeleted,
    ],
    permissions: ['writeIndex'],
  },
  'price-changed': {
    entry: 'consumers/price-changed.ts',
    description: 'puts new base, sale and segment prices into the products’ documents',
    events: [PriceChanged],
    permissions: ['writeIndex'],
  },
  'availability-changed': {
    entry: 'consumers/availability-changed.ts',
    description: 'marks variants in stock, low on stock or out of stock',
    events: [InventoryOutOfStock, InventoryBackInStock, InventoryLowStock],
    permissions: ['writeIndex'],
  },
  'review-aggregated': {
    entry: 'consumers/review-aggregated.ts',
    description: 'puts a product’s rating into its document',
    events: [ReviewAggregated],
    permissions: ['writeIndex'],
  },
  'promotion-offers': {
    entry: 'consumers/promotion-offers.ts',
    description: 'puts a live catalogue promotion’s badge and promoted price into the products’ documents',
    events: [PromotionStarted, PromotionEnded],
    permissions: ['writeIndex'],
  },
  'customer-changed': {
    entry: 'consumers/customer-changed.ts',
    description: "learns each customer's price segments for their search prices",
    events: [CustomerRegistered, CustomerUpdated, CustomerDeleted],
  },
});
