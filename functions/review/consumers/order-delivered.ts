// Consumes order.delivered: its buyer (the customer, or the guest by the order) may review each product the
// order delivered, and is asked to some days later (a one-time schedule). Lines without a product id (orders
// placed before lines carried one) let nothing be reviewed.
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { requests, reviews } from '../runtime.ts';
import { reviewSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(reviewSubscriptions['order-delivered'], {
  'order.delivered': async (order, event) => {
    const products = (order.lines ?? []).flatMap((line) =>
      line.productId ? [{ productId: line.productId, title: line.title }] : [],
    );
    await reviews.recordDelivery({
      orderId: order.orderId,
      customerId: order.customerId,
      productIds: products.map((p) => p.productId),
      deliveredAt: event.occurredAt,
    });
    await requests.schedule({
      orderId: order.orderId,
      number: order.number,
      customerId: order.customerId,
      contact: order.contact,
      products,
    });
  },
});
