// Module-scope wiring shared by the notification service's functions: validated env, the DynamoDB client,
// the delivery log store and the use cases over it, once per cold start.
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import { logger } from '@commerce/lambda-kit/observability';
import * as z from 'zod/mini';
import { reviewServiceInvitations } from './invitations.ts';
import { DeliveryLog, Notifier } from './notifier.ts';
import { SesEmailSender, SnsSmsSender } from './senders.ts';
import { DynamoNotificationStore } from './store.ts';

const env = loadEnv(z.object({ TABLE_NAME: z.string().check(z.minLength(1)) }));

const store = new DynamoNotificationStore(createDocumentClient(), env.TABLE_NAME);

export const deliveryLog = new DeliveryLog(store);

/**
 * The consumers' notifier, over SES, SNS and the review service's guest links. Only the consumers send, so
 * only their handlers build this (at their cold start) and only their bundles carry the SES and SNS clients.
 */
export function orderNotifier(): Notifier {
  const settings = loadEnv(
    z.object({
      /** The From address; an SES identity (the address or its domain) verified in this account and region. */
      NOTIFICATION_SENDER: z.email(),
      /** The shop's name as messages sign it. */
      SHOP_NAME: z.string().check(z.minLength(1)),
      /** The storefront's base URL (its main origin), which message links start with. */
      STOREFRONT_URL: z.url({ protocol: /^https?$/ }),
    }),
  );
  return new Notifier({
    store,
    email: new SesEmailSender(new SESv2Client({}), settings.NOTIFICATION_SENDER),
    sms: new SnsSmsSender(new SNSClient({})),
    invitations: reviewServiceInvitations(),
    shopName: settings.SHOP_NAME,
    storefrontUrl: settings.STOREFRONT_URL,
    log: (message, details) => logger.info(message, details),
  });
}
