// The payment service: payments authorized, captured, voided and refunded at a gateway (sandbox by default,
// Stripe) through internal functions the orders service invokes, and the gateways' webhooks.
//
// Gateways (docs/payments.md, "Secrets and provider selection"): the stage's `payments.providers` reach
// every function as PAYMENT_PROVIDERS; authorize and the webhook route refuse any other gateway.
// Secrets: on stages with `payments.secret`, every payment function (each names the `gatewaySecret`
// permission) reads the gateways' keys from the secret commerce/<stage>/payment (created in the Data stack)
// and may read nothing else; the
// local stage has none and signs sandbox webhooks with its published local-only secret.
import {
  PaymentAuthorized,
  PaymentCaptured,
  PaymentFailed,
  PaymentRefunded,
  PaymentRequiresAction,
  PaymentVoided,
} from '@commerce/events';
import { paymentAuthorize, paymentCapture, paymentRefund, paymentVoid } from '@commerce/contracts';
import { defineService } from '@commerce/lambda-kit/service';
import { paymentRoutes } from './routes.ts';
import { paymentSubscriptions } from './subscriptions.ts';

/** The Secrets Manager secret that holds the payment gateways' keys on stages that keep one. */
export function paymentSecretName(stage: string): string {
  return `commerce/${stage}/payment`;
}

/** The stage settings the payment service reads. */
interface PaymentStage {
  readonly stage: string;
  readonly payments: {
    readonly providers: readonly string[];
    readonly defaultProvider: string;
    readonly secret: boolean;
  };
}

export const paymentService = defineService<PaymentStage>({
  name: 'payment',
  description: 'Payments at a gateway (sandbox, Stripe): authorization, capture, void, refunds and webhooks.',
  routes: paymentRoutes,
  subscriptions: paymentSubscriptions,
  publishes: [
    PaymentAuthorized,
    PaymentRequiresAction,
    PaymentFailed,
    PaymentCaptured,
    PaymentVoided,
    PaymentRefunded,
  ],
  internal: [
    { contract: paymentAuthorize, entry: 'internal/authorize.ts', permissions: ['gatewaySecret'] },
    { contract: paymentCapture, entry: 'internal/capture.ts', permissions: ['gatewaySecret'] },
    { contract: paymentVoid, entry: 'internal/void.ts', permissions: ['gatewaySecret'] },
    { contract: paymentRefund, entry: 'internal/refund.ts', permissions: ['gatewaySecret'] },
  ],
  environment: ({ stage, payments }) => ({
    PAYMENT_PROVIDERS: payments.providers.join(','),
    PAYMENT_PROVIDER: payments.defaultProvider,
    ...(payments.secret ? { PAYMENT_SECRET_ARN: paymentSecretName(stage) } : {}),
  }),
  permissions: {
    gatewaySecret: ({ stage, payments }, aws) =>
      payments.secret
        ? [
            {
              actions: ['secretsmanager:GetSecretValue'],
              // A secret's ARN ends in six random characters after its name.
              resources: [
                `arn:${aws.partition}:secretsmanager:${aws.region}:${aws.account}:secret:${paymentSecretName(stage)}-??????`,
              ],
            },
          ]
        : [],
  },
});
