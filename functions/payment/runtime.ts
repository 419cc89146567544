// Module-scope wiring shared by the payment's internal functions and webhook route: validated env, the
// DynamoDB client, the store, the gateways and the use cases on them, once per cold start.
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod/mini';
import { gatewayEnvSchema, providerRegistry } from './gateways.ts';
import { Payments } from './payment.ts';
import { DynamoPaymentStore } from './store.ts';

const env = loadEnv(z.extend(gatewayEnvSchema, { TABLE_NAME: z.string().check(z.minLength(1)) }));

const store = new DynamoPaymentStore(createDocumentClient(), env.TABLE_NAME);

export const payments = new Payments({
  store,
  provider: providerRegistry(env),
  allowedProviders: env.PAYMENT_PROVIDERS,
  defaultProvider: env.PAYMENT_PROVIDER,
});
