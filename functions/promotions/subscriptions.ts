// The promotions service's bus subscriptions: the CDK app builds their rules and queues, the consumers read
// the same entries.
import {
  CategoryCreated,
  CategoryDeleted,
  CategoryUpdated,
  OrderCancelled,
  OrderPaid,
  ProductArchived,
  ProductCreated,
  ProductUpdated,
} from '@commerce/events';
import { defineSubscriptions } from '@commerce/lambda-kit/service';

export const promotionsSubscriptions = defineSubscriptions('promotions', {
  'catalog-changed': {
    entry: 'consumers/catalog-changed.ts',
    description: "keeps each SKU's product and categories, and the category tree, to match items",
    events: [
      ProductCreated,
      ProductUpdated,
      ProductArchived,
      CategoryCreated,
      CategoryUpdated,
      CategoryDeleted,
    ],
  },
  'order-events': {
    entry: 'consumers/order-events.ts',
    description: "commits an order's redemptions once it is paid, releases them when it is cancelled unpaid",
    events: [OrderPaid, OrderCancelled],
  },
});
