// Consumes order.delivered: its buyer (the customer, or the guest by the order) may review each product the
// order delivered. Lines without a product id (orders placed before lines carried one) let nothing be reviewed.
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { reviews } from '../runtime.ts';
import { reviewSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(reviewSubscriptions['order-delivered'], {
  'order.delivered': (order, event) =>
    reviews.recordDelivery({
      orderId: order.orderId,
      customerId: order.customerId,
      productIds: (order.lines ?? []).flatMap((line) => (line.productId ? [line.productId] : [])),
      deliveredAt: event.occurredAt,
    }),
});
