// Consumes product.created, product.updated and product.archived: records each SKU's title, weight and
// whether it is for sale (the product is published), so carts take published SKUs only and orders keep the
// title as bought. An event older than what is recorded changes nothing.
import { ProductArchived, ProductCreated, ProductUpdated } from '@commerce/events';
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod';
import { store } from '../runtime.ts';
import { skusOf } from '../skus.ts';

const { QUEUE_URL, TABLE_NAME } = loadEnv(z.object({ QUEUE_URL: z.url(), TABLE_NAME: z.string().min(1) }));

export const handler = eventConsumer({
  name: 'product-changed',
  events: [ProductCreated, ProductUpdated, ProductArchived],
  idempotencyTable: TABLE_NAME,
  queueUrl: QUEUE_URL,
  handler: async (detail) => {
    const snapshot = 'product' in detail.data ? detail.data.product : detail.data;
    await store.saveSkus(skusOf(snapshot));
  },
});
