// Module-scope wiring shared by the promotions handlers: validated env, the DynamoDB client, the store and
// ledger, and the use cases over them, once per cold start.
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod/mini';
import { DynamoCatalogCopy } from './catalog-copy.ts';
import { Evaluator } from './evaluator.ts';
import { DynamoRedemptionLedger } from './ledger.ts';
import { Promotions } from './promotions.ts';
import { DynamoPromotionStore } from './store.ts';

const env = loadEnv(z.object({ TABLE_NAME: z.string().check(z.minLength(1)) }));
const db = createDocumentClient();

const store = new DynamoPromotionStore(db, env.TABLE_NAME);
const ledger = new DynamoRedemptionLedger(db, env.TABLE_NAME);

export const promotions = new Promotions(store, ledger);
export const catalogCopy = new DynamoCatalogCopy(db, env.TABLE_NAME);
export const evaluator = new Evaluator(store, ledger, catalogCopy);
