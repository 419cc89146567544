// Module-scope wiring shared by the shipping service's handlers and internal functions: validated env, the
// DynamoDB client, the store, the carriers and the service built on them, once per cold start.
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod/mini';
import { carrierRegistry, DEFAULT_SENDER } from './carrier-registry.ts';
import { Shipping } from './shipping.ts';
import { DynamoShippingStore } from './store.ts';

const env = loadEnv(
  z.object({
    TABLE_NAME: z.string().check(z.minLength(1)),
    STAGE: z.optional(z.string().check(z.minLength(1))),
    /** The sandbox carrier's webhook secret; see carrier-registry.ts for the local-only default. */
    SANDBOX_CARRIER_WEBHOOK_SECRET: z.optional(z.string().check(z.minLength(1))),
    SANDBOX_CARRIER_TRACKING_URL: z.optional(z.url()),
  }),
);

const store = new DynamoShippingStore(createDocumentClient(), env.TABLE_NAME);

export const shipping = new Shipping(store, {
  carriers: carrierRegistry({
    ...(env.STAGE === undefined ? {} : { stage: env.STAGE }),
    ...(env.SANDBOX_CARRIER_WEBHOOK_SECRET === undefined
      ? {}
      : { sandboxWebhookSecret: env.SANDBOX_CARRIER_WEBHOOK_SECRET }),
    ...(env.SANDBOX_CARRIER_TRACKING_URL === undefined
      ? {}
      : { sandboxTrackingBaseUrl: env.SANDBOX_CARRIER_TRACKING_URL }),
  }),
  sender: DEFAULT_SENDER,
});
