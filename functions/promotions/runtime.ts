// Module-scope wiring shared by the promotions handlers: validated env, the DynamoDB client, the store and
// ledger, and the use cases over them, once per cold start.
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod/mini';
import { DynamoCatalogCopy } from './catalog-copy.ts';
import { CataloguePromotions } from './catalogue.ts';
import { DynamoEdgeLedger } from './edge-ledger.ts';
import { Evaluator } from './evaluator.ts';
import { DynamoRedemptionLedger } from './ledger.ts';
import { Promotions } from './promotions.ts';
import { EventBridgeSchedules } from './scheduler.ts';
import { DynamoPromotionStore } from './store.ts';

export const env = loadEnv(z.object({ TABLE_NAME: z.string().check(z.minLength(1)) }));
export const db = createDocumentClient();

const store = new DynamoPromotionStore(db, env.TABLE_NAME);
const ledger = new DynamoRedemptionLedger(db, env.TABLE_NAME);

export const catalogCopy = new DynamoCatalogCopy(db, env.TABLE_NAME);
export const catalogue = new CataloguePromotions({
  store,
  edges: new DynamoEdgeLedger(db, env.TABLE_NAME),
  schedules: new EventBridgeSchedules(),
  categories: () => catalogCopy.categoryParents(),
});
export const promotions = new Promotions(store, ledger, undefined, catalogue);
export const evaluator = new Evaluator(store, ledger, catalogCopy);
