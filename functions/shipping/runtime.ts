// Module-scope wiring shared by the shipping service's handlers and internal functions: validated env, the
// DynamoDB client, the store, the carriers and the service built on them, once per cold start.
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod/mini';
import {
  carrierRegistry,
  carrierSecretsSchema,
  DEFAULT_SENDER,
  type CarrierSecrets,
} from './carrier-registry.ts';
import { carrierPolicyOf } from './domain/carrier-policy.ts';
import { Shipping } from './shipping.ts';
import { DynamoShippingStore } from './store.ts';

const env = loadEnv(
  z.object({
    TABLE_NAME: z.string().check(z.minLength(1)),
    STAGE: z.string().check(z.minLength(1)),
    /** The carriers this stage allows, comma-separated, and the one a method that names none uses. */
    SHIPPING_CARRIERS: z.string().check(z.minLength(1)),
    SHIPPING_DEFAULT_CARRIER: z.string().check(z.minLength(1)),
    /** The carriers' keys (commerce/<stage>/shipping); unset on the local stage. */
    SHIPPING_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
    SANDBOX_CARRIER_TRACKING_URL: z.optional(z.url()),
  }),
);

const policy = carrierPolicyOf(env.SHIPPING_CARRIERS, env.SHIPPING_DEFAULT_CARRIER);
const secretArn = env.SHIPPING_SECRET_ARN;

/** Reads the carriers' keys (cached by the parameters helper for an hour). */
async function carrierSecrets(arn: string): Promise<CarrierSecrets> {
  const value = await getSecret(arn, { maxAge: 3600 });
  const parsed = carrierSecretsSchema.safeParse(
    typeof value === 'string' ? (JSON.parse(value) as unknown) : value,
  );
  if (!parsed.success) throw new Error('The shipping secret is not the expected JSON object.');
  return parsed.data;
}

const store = new DynamoShippingStore(createDocumentClient(), env.TABLE_NAME);

export const shipping = new Shipping(store, {
  carriers: carrierRegistry({
    stage: env.STAGE,
    carriers: policy.carriers,
    ...(secretArn === undefined ? {} : { secrets: () => carrierSecrets(secretArn) }),
    ...(env.SANDBOX_CARRIER_TRACKING_URL === undefined
      ? {}
      : { sandboxTrackingBaseUrl: env.SANDBOX_CARRIER_TRACKING_URL }),
  }),
  carrierPolicy: policy,
  sender: DEFAULT_SENDER,
});
