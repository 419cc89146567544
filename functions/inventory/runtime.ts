// Module-scope wiring shared by the inventory's handlers and internal functions: validated env, the
// DynamoDB client, the store and the inventory built on it, once per cold start.
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod/mini';
import { defaultLowStockPolicy } from './domain/stock.ts';
import { Inventory } from './inventory.ts';
import { DynamoInventoryStore } from './store.ts';

const env = loadEnv(z.object({ TABLE_NAME: z.string().check(z.minLength(1)) }));

const store = new DynamoInventoryStore(createDocumentClient(), env.TABLE_NAME);

/** Low-stock thresholds: the default for every SKU until merchandising sets some per SKU. */
const lowStockPolicy = defaultLowStockPolicy;

export const inventory = new Inventory(store, { policy: lowStockPolicy });
