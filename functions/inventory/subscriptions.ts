// The inventory's bus subscriptions: the CDK app builds their rules and queues, the consumers read the same entries.
import { OrderCancelled, OrderPaid, PaymentAuthorized } from '@commerce/events';
import { defineSubscriptions } from '@commerce/lambda-kit/service';

export const inventorySubscriptions = defineSubscriptions('inventory', {
  'order-events': {
    entry: 'consumers/order-events.ts',
    description:
      "keeps an authorized order's reservation held, commits a paid one's, releases a cancelled one's",
    events: [PaymentAuthorized, OrderPaid, OrderCancelled],
  },
});
