// Pricing's bus subscriptions: the CDK app builds their rules and queues, the consumers read the same entries.
import {
  ProductArchived,
  ProductCreated,
  ProductUpdated,
  PromotionEnded,
  PromotionStarted,
} from '@commerce/events';
import { defineSubscriptions } from '@commerce/lambda-kit/service';

export const pricingSubscriptions = defineSubscriptions('pricing', {
  'product-changed': {
    entry: 'consumers/product-changed.ts',
    description: 'learns which SKUs exist, their tax classes and their products’ categories',
    events: [ProductCreated, ProductUpdated, ProductArchived],
  },
  'promotion-offers': {
    entry: 'consumers/promotion-offers.ts',
    description: 'keeps the live catalogue promotions for display prices',
    events: [PromotionStarted, PromotionEnded],
  },
});
