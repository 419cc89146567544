// Wiring of the payment service: payments authorized, captured, voided and refunded at a gateway (sandbox
// by default, Stripe) through internal functions the orders service invokes, and the gateways' webhooks.
//
// Secrets (docs/payments.md): on stages with `payments.secret`, every payment function reads the gateways'
// keys from the secret commerce/<stage>/payment (created in the Data stack) and may read nothing else; the
// local stage has none and signs sandbox webhooks with its published local-only secret.
import {
  OrderCancelled,
  PaymentAuthorized,
  PaymentCaptured,
  PaymentFailed,
  PaymentRefunded,
  PaymentRequiresAction,
  PaymentVoided,
} from '@commerce/events';
import { Aws } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { paymentSecretName } from '../config/stage-config.ts';
import type { ServiceDefinition } from '../constructs/service-definition.ts';
import { paymentRoutes } from './payment.routes.ts';

const dir = 'functions/payment/internal';

export const paymentService: ServiceDefinition = {
  name: 'payment',
  description: 'Payments at a gateway (sandbox, Stripe): authorization, capture, void, refunds and webhooks.',
  routes: paymentRoutes,
  subscriptions: [
    {
      name: 'order-cancelled',
      events: [OrderCancelled],
      handler: 'functions/payment/consumers/order-cancelled.ts',
    },
  ],
  publishes: [
    PaymentAuthorized,
    PaymentRequiresAction,
    PaymentFailed,
    PaymentCaptured,
    PaymentVoided,
    PaymentRefunded,
  ],
  internal: [
    {
      name: 'authorize',
      handler: `${dir}/authorize.ts`,
      description: "holds an order's amount on the customer's payment method (checkout)",
    },
    {
      name: 'capture',
      handler: `${dir}/capture.ts`,
      description: 'takes all or part of an authorized amount',
    },
    {
      name: 'void',
      handler: `${dir}/void.ts`,
      description: 'releases an authorization that was not captured',
    },
    {
      name: 'refund',
      handler: `${dir}/refund.ts`,
      description: 'gives back part or all of what was captured (idempotent per refund id)',
    },
  ],
  environment: (config) => ({
    PAYMENT_PROVIDER: config.payments.defaultProvider,
    ...(config.payments.secret ? { PAYMENT_SECRET_ARN: paymentSecretName(config.stage) } : {}),
  }),
  permissions: (config) =>
    config.payments.secret
      ? [
          new PolicyStatement({
            actions: ['secretsmanager:GetSecretValue'],
            // A secret's ARN ends in six random characters after its name.
            resources: [
              `arn:${Aws.PARTITION}:secretsmanager:${config.region}:${Aws.ACCOUNT_ID}:secret:${paymentSecretName(config.stage)}-??????`,
            ],
          }),
        ]
      : [],
};
