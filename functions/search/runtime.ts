// Module-scope wiring shared by the search handlers and consumers: validated env, the DynamoDB and OpenSearch
// clients and the use cases over them (the indexer reads the live catalogue promotions too), once per cold
// start (the clients connect on first use).
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod/mini';
import { createSearchClient, OpenSearchEngine } from './engine.ts';
import { Indexer } from './indexer.ts';
import { PromotionIndexer } from './promotion-indexer.ts';
import { DynamoPromotionOffers } from './promotion-store.ts';
import { Searcher } from './searcher.ts';
import { DynamoSearchSettings } from './settings-store.ts';
import { DynamoProjection } from './store.ts';

const count = z.coerce.number().check(z.int(), z.gte(0), z.lte(10));

export const env = loadEnv(
  z.object({
    TABLE_NAME: z.string().check(z.minLength(1)),
    AWS_REGION: z.string().check(z.minLength(1)),
    /** `https://<domain endpoint>` (http on the local stage). */
    SEARCH_ENDPOINT: z.url(),
    SEARCH_INDEX_PREFIX: z.string().check(z.regex(/^[a-z0-9-]{1,40}$/)),
    SEARCH_SHARDS: count,
    SEARCH_REPLICAS: count,
  }),
);

const db = createDocumentClient();
export const projection = new DynamoProjection(db, env.TABLE_NAME);
export const settings = new DynamoSearchSettings(db, env.TABLE_NAME);
export const engine = new OpenSearchEngine(
  createSearchClient(env.SEARCH_ENDPOINT, env.AWS_REGION),
  env.SEARCH_INDEX_PREFIX,
  { shards: env.SEARCH_SHARDS, replicas: env.SEARCH_REPLICAS },
);
const promotionOffers = new DynamoPromotionOffers(db, env.TABLE_NAME);
export const indexer = new Indexer(projection, engine, undefined, promotionOffers);
export const promotionIndexer = new PromotionIndexer(promotionOffers, engine, indexer);
export const searcher = new Searcher(projection, settings, engine);
