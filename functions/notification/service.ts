// The notification service: one consumer of the order events the shopper hears about (email through SES,
// SMS through SNS for contacts who opted in), one of the review requests (email only), the delivery log, and
// GET /me/notifications.
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
  // Only the consumers send (the review-requests one email only); GET /me/notifications reads the delivery
  // log and sends nothing.
  permissions: {
    sendEmail: ({ notifications }, aws) => [
      {
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          `arn:${aws.partition}:ses:${aws.region}:${aws.account}:identity/${notifications.senderIdentity}`,
        ],
      },
    ],
    // An SMS published to a phone number has no ARN to name: SNS authorizes it on "*" only. The Deny on
    // every SNS ARN (topics, platform endpoints) leaves phone numbers as the one thing it may publish to
    // (docs/notifications.md, "Permissions").
    sendSms: (_stage, aws) => [
      {
        actions: ['sns:Publish'],
        resources: ['*'],
        wildcardReason:
          'sns:Publish to a phone number (PhoneNumber, SMS) names no resource ARN: SNS authorizes it on ' +
          'Resource "*" only. A Deny on arn:<partition>:sns:*:*:* in the same policy keeps it off topics.',
      },
      { effect: 'Deny', actions: ['sns:Publish'], resources: [`arn:${aws.partition}:sns:*:*:*`] },
    ],
  },
});
