// Consumes payment.authorized, payment.captured and payment.failed: the asynchronous half of checkout.
// Authorized (at checkout, or later by the gateway's webhook after a "requires action") → capture the
// order's total; captured → the order is paid (order.paid); failed → the order is cancelled (stock and
// authorization are given back by the consumers of order.cancelled). The shopper's browser plays no part.
import { PaymentAuthorized, PaymentCaptured, PaymentFailed } from '@commerce/events';
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod';
import { orders } from '../runtime.ts';

const { QUEUE_URL, TABLE_NAME } = loadEnv(z.object({ QUEUE_URL: z.url(), TABLE_NAME: z.string().min(1) }));

export const handler = eventConsumer({
  name: 'payment-events',
  events: [PaymentAuthorized, PaymentCaptured, PaymentFailed],
  idempotencyTable: TABLE_NAME,
  queueUrl: QUEUE_URL,
  handler: async (detail, event) => {
    const context = { correlationId: detail.metadata.correlationId, causationId: detail.metadata.id };
    const { orderId } = detail.data;
    if (event.detailType === PaymentAuthorized.detailType)
      return orders.onPaymentAuthorized(orderId, context);
    if (event.detailType === PaymentFailed.detailType) return orders.onPaymentFailed(orderId, context);
    const captured = PaymentCaptured.data.parse(detail.data);
    await orders.onPaymentCaptured(orderId, captured.amount, captured.providerRef, context);
  },
});
