// Module-scope wiring shared by the pricing service's handlers, consumers and internal quote: validated env,
// the DynamoDB client, the stores and the use cases over them, built once per cold start.
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod/mini';
import { DynamoOfferStore } from './offer-store.ts';
import { LiveOffers } from './offers.ts';
import { askPromotions } from './peers.ts';
import { Pricing } from './pricing.ts';
import { DynamoPricingStore } from './store.ts';

const env = loadEnv(z.object({ TABLE_NAME: z.string().check(z.minLength(1)) }));
const db = createDocumentClient();

export const offers = new LiveOffers(new DynamoOfferStore(db, env.TABLE_NAME));
export const pricing = new Pricing(
  new DynamoPricingStore(db, env.TABLE_NAME),
  undefined,
  askPromotions,
  offers,
);
