// Shipping's bus subscriptions: the CDK app builds their rules and queues, the consumers read the same entries.
import { OrderPaid } from '@commerce/events';
import { defineSubscriptions } from '@commerce/lambda-kit/service';

export const shippingSubscriptions = defineSubscriptions('shipping', {
  'order-paid': {
    entry: 'consumers/order-paid.ts',
    description: "creates a paid order's shipment",
    events: [OrderPaid],
    permissions: ['carrierSecret'],
  },
});
