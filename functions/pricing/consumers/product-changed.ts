// Consumes product.created, product.updated and product.archived: records a product's status and SKUs (and
// their tax class, from the product attribute `taxClass`, else 'standard') for GET /product-prices/{id} and
// the quote. An event older than what is recorded changes nothing, so late deliveries cannot roll a
// product back.
import { ProductArchived, ProductCreated, ProductUpdated } from '@commerce/events';
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod';
import { productSkusOf } from '../domain/records.ts';
import { store } from '../runtime.ts';

const { QUEUE_URL, TABLE_NAME } = loadEnv(
  z.object({ QUEUE_URL: z.string().url(), TABLE_NAME: z.string().min(1) }),
);

export const handler = eventConsumer({
  name: 'product-changed',
  events: [ProductCreated, ProductUpdated, ProductArchived],
  idempotencyTable: TABLE_NAME,
  queueUrl: QUEUE_URL,
  handler: async (detail) => {
    const snapshot = 'product' in detail.data ? detail.data.product : detail.data;
    const product = productSkusOf(snapshot);
    const previous = await store.getProduct(product.productId);
    if (previous && previous.productVersion >= product.productVersion) return;
    await store.saveProduct(product, previous);
  },
});
