// Pricing's bus subscriptions: the CDK app builds their rules and queues, the consumers read the same entries.
import { ProductArchived, ProductCreated, ProductUpdated } from '@commerce/events';
import { defineSubscriptions } from '@commerce/lambda-kit/service';

export const pricingSubscriptions = defineSubscriptions('pricing', {
  'product-changed': {
    entry: 'consumers/product-changed.ts',
    description: 'learns which SKUs exist and their tax classes',
    events: [ProductCreated, ProductUpdated, ProductArchived],
  },
});
