// Shipping's bus subscriptions: the CDK app builds their rules and queues, the consumers read the same entries.
import { OrderCancelled, OrderPaid } from '@commerce/events';
import { defineSubscriptions } from '@commerce/lambda-kit/service';

export const shippingSubscriptions = defineSubscriptions('shipping', {
  'order-paid': {
    entry: 'consumers/order-paid.ts',
    description: "creates a paid order's shipment",
    events: [OrderPaid],
    permissions: ['carrierSecret'],
  },
  'order-cancelled': {
    entry: 'consumers/order-cancelled.ts',
    description: "stops a cancelled order's shipment at its carrier if it is still open",
    events: [OrderCancelled],
    permissions: ['carrierSecret'],
  },
});
