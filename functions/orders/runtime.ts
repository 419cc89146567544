// Module-scope wiring shared by the orders service's handlers and consumers, once per cold start: validated
// env, the DynamoDB store and the peers' clients behind the ports, and the use cases built on them.
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod/mini';
import { paymentProviderPolicy } from './domain/payment-provider.ts';
import { ordersUseCases, refundApprovalLimits } from './orders.ts';
import { peers } from './peers.ts';
import { ordersStore } from './store.ts';

const env = loadEnv(
  z.object({
    TABLE_NAME: z.string().check(z.minLength(1)),
    ORDERS_HOME_COUNTRY: z._default(z.string().check(z.regex(/^[A-Z]{2}$/)), 'DE'),
    ORDERS_DEFAULT_CURRENCY: z._default(z.string().check(z.regex(/^[A-Z]{3}$/)), 'EUR'),
    ORDERS_HOLD_SECONDS: z._default(z.coerce.number().check(z.int(), z.gte(60)), 900),
    ORDERS_PAYMENT_PROVIDERS: z.string().check(z.minLength(1)),
    ORDERS_DEFAULT_PAYMENT_PROVIDER: z.string().check(z.minLength(1)),
    /** JSON: currency → minor units above which a staff refund needs an admin (stage config). */
    ORDERS_REFUND_APPROVAL_ABOVE: z.string().check(z.minLength(2)),
  }),
);

/** The gateways checkout may pay through on this stage, and its default (domain/payment-provider.ts). */
export const paymentProviders = paymentProviderPolicy(
  env.ORDERS_PAYMENT_PROVIDERS,
  env.ORDERS_DEFAULT_PAYMENT_PROVIDER,
);

export const { carts, checkout, lifecycle, operations, referenceData } = ordersUseCases(
  { repository: ordersStore(createDocumentClient(), env.TABLE_NAME), peers },
  {
    homeCountry: env.ORDERS_HOME_COUNTRY,
    defaultCurrency: env.ORDERS_DEFAULT_CURRENCY,
    holdSeconds: env.ORDERS_HOLD_SECONDS,
    refundApprovalAbove: refundApprovalLimits(env.ORDERS_REFUND_APPROVAL_ABOVE),
    // Longer than the checkout function's timeout, so a lease never runs out under a live attempt.
    checkoutLeaseMs: 60_000,
  },
);
