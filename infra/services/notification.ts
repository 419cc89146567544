// Wiring of the notification service: one consumer of the order events the shopper hears about (email
// through SES, SMS through SNS for contacts who opted in), the delivery log, and GET /me/notifications.
import {
  OrderCancelled,
  OrderCreated,
  OrderDelivered,
  OrderFulfilmentStarted,
  OrderPaid,
  OrderRefunded,
  OrderShipped,
} from '@commerce/events';
import { Aws } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ServiceDefinition } from '../constructs/service-definition.ts';
import { notificationRoutes } from './notification.routes.ts';

export const notificationService: ServiceDefinition = {
  name: 'notification',
  description: 'Order emails and SMS in the language of the shopper, and the delivery log per customer.',
  routes: notificationRoutes,
  subscriptions: [
    {
      name: 'order-events',
      // order.shipped is taken too and sends nothing (shipment_created went out with the label), so the
      // consumer is the one place that decides what each order event says.
      events: [
        OrderCreated,
        OrderPaid,
        OrderFulfilmentStarted,
        OrderShipped,
        OrderDelivered,
        OrderCancelled,
        OrderRefunded,
      ],
      handler: 'functions/notification/consumers/order-events.ts',
    },
  ],
  publishes: [],
  environment: (config) => ({
    NOTIFICATION_SENDER: config.notifications.sender,
    SHOP_NAME: config.notifications.shopName,
  }),
  permissions: (config) => [
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [
        `arn:${Aws.PARTITION}:ses:${config.region}:${Aws.ACCOUNT_ID}:identity/${config.notifications.senderIdentity}`,
      ],
    }),
    // An SMS published to a phone number has no ARN to name: SNS authorizes it on "*" only
    // (acknowledged in infra/nag-acknowledgements.ts).
    new PolicyStatement({ effect: Effect.ALLOW, actions: ['sns:Publish'], resources: ['*'] }),
  ],
};
