// Module-scope wiring shared by the notification service's functions: validated env, the DynamoDB client,
// the delivery log store and the use cases over it, once per cold start.
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import { logger } from '@commerce/lambda-kit/observability';
import * as z from 'zod/mini';
import { DeliveryLog, Notifier } from './notifier.ts';
import { SesEmailSender, SnsSmsSender } from './senders.ts';
import { DynamoNotificationStore } from './store.ts';

const env = loadEnv(z.object({ TABLE_NAME: z.string().check(z.minLength(1)) }));

const store = new DynamoNotificationStore(createDocumentClient(), env.TABLE_NAME);

export const deliveryLog = new DeliveryLog(store);

/**
 * The order events consumer's notifier, over SES and SNS. Only the consumer sends, so only its handler builds
 * this (at its cold start) and only its bundle carries the SES and SNS clients.
 */
export function orderNotifier(): Notifier {
  const settings = loadEnv(
    z.object({
      /** The From address; an SES identity (the address or its domain) verified in this account and region. */
      NOTIFICATION_SENDER: z.email(),
      /** The shop's name as messages sign it. */
      SHOP_NAME: z.string().check(z.minLength(1)),
    }),
  );
  return new Notifier({
    store,
    email: new SesEmailSender(new SESv2Client({}), settings.NOTIFICATION_SENDER),
    sms: new SnsSmsSender(new SNSClient({})),
    shopName: settings.SHOP_NAME,
    log: (message, details) => logger.info(message, details),
  });
}
