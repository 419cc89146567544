// Module-scope wiring shared by the promotions handlers: validated env, the DynamoDB client, the store and
// ledger, and the use cases over them, once per cold start.
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod/mini';
import { DynamoRedemptionLedger } from './ledger.ts';
import { Promotions } from './promotions.ts';
import { DynamoPromotionStore } from './store.ts';

const env = loadEnv(z.object({ TABLE_NAME: z.string().check(z.minLength(1)) }));
const db = createDocumentClient();

export const promotions = new Promotions(
  new DynamoPromotionStore(db, env.TABLE_NAME),
  new DynamoRedemptionLedger(db, env.TABLE_NAME),
);
