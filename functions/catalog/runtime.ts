// Module-scope wiring shared by the catalog's handlers: validated env, the DynamoDB client, the store and the
// use cases over it. Built once per cold start; handlers call the use cases instead of creating clients.
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod/mini';
import { Catalog } from './catalog.ts';
import { DynamoCatalogStore } from './store.ts';

const env = loadEnv(z.object({ TABLE_NAME: z.string().check(z.minLength(1)) }));

export const catalog = new Catalog(new DynamoCatalogStore(createDocumentClient(), env.TABLE_NAME));
