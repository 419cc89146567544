// Consumes the order events the shopper hears about (created, paid, label issued, delivered, cancelled,
// refunded; order.shipped is received and sends nothing): renders the message for the order's contact and
// sends it by email (SES) and, for a contact who opted in, by SMS (SNS), once per event and channel.
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import {
  OrderCancelled,
  OrderCreated,
  OrderDelivered,
  OrderFulfilmentStarted,
  OrderPaid,
  OrderRefunded,
  OrderShipped,
} from '@commerce/events';
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { loadEnv } from '@commerce/lambda-kit/env';
import { logger } from '@commerce/lambda-kit/observability';
import * as z from 'zod';
import { orderNotification, type OrderEvent } from '../domain/order-notification.ts';
import { Notifier } from '../notifier.ts';
import { store } from '../runtime.ts';
import { SesEmailSender, SnsSmsSender } from '../senders.ts';

const env = loadEnv(
  z.object({
    QUEUE_URL: z.url(),
    TABLE_NAME: z.string().min(1),
    /** The From address; an SES identity (the address or its domain) verified in this account and region. */
    NOTIFICATION_SENDER: z.email(),
    /** The shop's name as messages sign it. */
    SHOP_NAME: z.string().min(1),
  }),
);

const notifier = new Notifier({
  store,
  email: new SesEmailSender(new SESv2Client({}), env.NOTIFICATION_SENDER),
  sms: new SnsSmsSender(new SNSClient({})),
  log: (message, details) => logger.info(message, details),
});

export const handler = eventConsumer({
  name: 'order-events',
  events: [
    OrderCreated,
    OrderPaid,
    OrderFulfilmentStarted,
    OrderShipped,
    OrderDelivered,
    OrderCancelled,
    OrderRefunded,
  ],
  idempotencyTable: env.TABLE_NAME,
  queueUrl: env.QUEUE_URL,
  handler: async (detail, event) => {
    // The kit validated `detail` against `event`'s schema; the pair is an OrderEvent, which TypeScript
    // cannot correlate through the union of definitions.
    const notification = orderNotification(
      { detailType: event.detailType, data: detail.data } as OrderEvent,
      { shopName: env.SHOP_NAME },
    );
    if (notification === undefined) return;
    const outcomes = await notifier.notify(notification, {
      eventId: detail.metadata.id,
      occurredAt: detail.metadata.occurredAt,
    });
    logger.info('Notification handled', { kind: notification.kind, orderId: notification.orderId, outcomes });
  },
});
