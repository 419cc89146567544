// The notification service: one consumer of the order events the shopper hears about (email through SES,
// SMS through SNS for contacts who opted in), the delivery log, and GET /me/notifications.
import { defineService } from '@commerce/lambda-kit/service';
import { notificationRoutes } from './routes.ts';
import { notificationSubscriptions } from './subscriptions.ts';

/** The stage settings the notification service reads (docs/notifications.md). */
interface NotificationStage {
  readonly notifications: {
    readonly sender: string;
    readonly senderIdentity: string;
    readonly shopName: string;
  };
}

export const notificationService = defineService<NotificationStage>({
  name: 'notification',
  description: 'Order emails and SMS in the language of the shopper, and the delivery log per customer.',
  routes: notificationRoutes,
  subscriptions: notificationSubscriptions,
  environment: ({ notifications }) => ({
    NOTIFICATION_SENDER: notifications.sender,
    SHOP_NAME: notifications.shopName,
  }),
  permissions: ({ notifications }, aws) => [
    {
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [
        `arn:${aws.partition}:ses:${aws.region}:${aws.account}:identity/${notifications.senderIdentity}`,
      ],
    },
    // An SMS published to a phone number has no ARN to name: SNS authorizes it on "*" only
    // (acknowledged in infra/nag-acknowledgements.ts).
    { actions: ['sns:Publish'], resources: ['*'] },
  ],
});
