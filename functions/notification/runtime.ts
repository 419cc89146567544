// Module-scope wiring shared by the notification service's functions: validated env, the DynamoDB client
// and the delivery log store, once per cold start. The senders live with the consumer that uses them.
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod';
import { DynamoNotificationStore } from './store.ts';

const env = loadEnv(z.object({ TABLE_NAME: z.string().min(1) }));

export const store = new DynamoNotificationStore(createDocumentClient(), env.TABLE_NAME);
