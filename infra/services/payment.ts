// Wiring of the payment service: payments authorized, captured, voided and refunded at a gateway (sandbox
// by default, Stripe) through internal functions the orders service invokes, and the gateways' webhooks.
//
// Gap (docs/payments.md, "Secrets"): a ServiceDefinition can neither set environment variables on its
// functions nor grant them a secret, so PAYMENT_PROVIDER (default sandbox), PAYMENT_SECRET_ARN and
// STRIPE_API_URL stay unset: the local stage then uses a fixed local-only sandbox webhook secret, and every
// other stage refuses both providers (422 payment-provider-unavailable) until the construct can bind one.
import {
  OrderCancelled,
  PaymentAuthorized,
  PaymentCaptured,
  PaymentFailed,
  PaymentRefunded,
  PaymentRequiresAction,
  PaymentVoided,
} from '@commerce/events';
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
};
