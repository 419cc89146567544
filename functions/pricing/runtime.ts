// Module-scope wiring shared by the pricing service's handlers, consumer and internal quote: validated env,
// the DynamoDB client and the store, built once per cold start.
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod';
import { DynamoPricingStore } from './store.ts';

const env = loadEnv(z.object({ TABLE_NAME: z.string().min(1) }));

export const store = new DynamoPricingStore(createDocumentClient(), env.TABLE_NAME);
