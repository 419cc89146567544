// The inventory's bus subscriptions: the CDK app builds their rules and queues, the consumers read the same entries.
import { OrderCancelled, OrderPaid } from '@commerce/events';
import { defineSubscriptions } from '@commerce/lambda-kit/service';

export const inventorySubscriptions = defineSubscriptions('inventory', {
  'order-events': {
    entry: 'consumers/order-events.ts',
    description: "commits a paid order's reservation, releases a cancelled one's",
    events: [OrderPaid, OrderCancelled],
  },
});
