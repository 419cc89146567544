// Consumes customer.registered, customer.updated and customer.deleted: keeps each customer's price
// segments for the pricing quote at checkout (one read with the cart's SKUs). Older versions change nothing.
import { CustomerDeleted, CustomerRegistered, CustomerUpdated } from '@commerce/events';
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod';
import { store } from '../runtime.ts';

const { QUEUE_URL, TABLE_NAME } = loadEnv(z.object({ QUEUE_URL: z.url(), TABLE_NAME: z.string().min(1) }));

export const handler = eventConsumer({
  name: 'customer-changed',
  events: [CustomerRegistered, CustomerUpdated, CustomerDeleted],
  idempotencyTable: TABLE_NAME,
  queueUrl: QUEUE_URL,
  handler: async (detail) => {
    const data = detail.data;
    if ('deletedAt' in data) return store.deleteSegments(data.id);
    const customer = 'customer' in data ? data.customer : data;
    await store.saveSegments(customer.id, customer.segments, customer.version);
  },
});
