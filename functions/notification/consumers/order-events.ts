// Consumes the order events the shopper hears about (created, paid, label issued, delivered, cancelled,
// refunded; order.shipped is received and sends nothing): renders the message for the order's contact and
// sends it by email (SES) and, for a contact who opted in, by SMS (SNS), once per event and channel.
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { eventConsumer, type ConsumedEvent } from '@commerce/lambda-kit/consumer';
import { loadEnv } from '@commerce/lambda-kit/env';
import { logger } from '@commerce/lambda-kit/observability';
import * as z from 'zod';
import { orderNotification, type OrderEvent } from '../domain/order-notification.ts';
import { Notifier } from '../notifier.ts';
import { store } from '../runtime.ts';
import { notificationSubscriptions } from '../subscriptions.ts';
import { SesEmailSender, SnsSmsSender } from '../senders.ts';

const env = loadEnv(
  z.object({
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

/** Renders what the order event tells the shopper, if anything, and sends it once per channel. */
async function notify(orderEvent: OrderEvent, event: ConsumedEvent): Promise<void> {
  const notification = orderNotification(orderEvent, { shopName: env.SHOP_NAME });
  if (notification === undefined) return;
  const outcomes = await notifier.notify(notification, {
    eventId: event.eventId,
    occurredAt: event.occurredAt,
  });
  logger.info('Notification handled', { kind: notification.kind, orderId: notification.orderId, outcomes });
}

export const handler = eventConsumer(notificationSubscriptions['order-events'], {
  'order.created': (data, event) => notify({ detailType: 'order.created', data }, event),
  'order.paid': (data, event) => notify({ detailType: 'order.paid', data }, event),
  'order.fulfilment_started': (data, event) =>
    notify({ detailType: 'order.fulfilment_started', data }, event),
  'order.shipped': (data, event) => notify({ detailType: 'order.shipped', data }, event),
  'order.delivered': (data, event) => notify({ detailType: 'order.delivered', data }, event),
  'order.cancelled': (data, event) => notify({ detailType: 'order.cancelled', data }, event),
  'order.refunded': (data, event) => notify({ detailType: 'order.refunded', data }, event),
});
