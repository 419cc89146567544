// Module-scope wiring shared by the pricing service's handlers, consumer and internal quote: validated env,
// the DynamoDB client, the store and the use cases over it, built once per cold start.
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod/mini';
import { askPromotions } from './peers.ts';
import { Pricing } from './pricing.ts';
import { DynamoPricingStore } from './store.ts';

const env = loadEnv(z.object({ TABLE_NAME: z.string().check(z.minLength(1)) }));

export const pricing = new Pricing(
  new DynamoPricingStore(createDocumentClient(), env.TABLE_NAME),
  undefined,
  askPromotions,
);
