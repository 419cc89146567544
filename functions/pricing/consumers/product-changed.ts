// Consumes product.created, product.updated and product.archived: records a product's status and SKUs (and
// their tax class, from the product attribute `taxClass`, else 'standard') for GET /product-prices/{id} and
// the quote. An event older than what is recorded changes nothing, so late deliveries cannot roll a
// product back.
import type { EventData, ProductCreated } from '@commerce/events';
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { productSkusOf } from '../domain/records.ts';
import { store } from '../runtime.ts';
import { pricingSubscriptions } from '../subscriptions.ts';

async function record(snapshot: EventData<typeof ProductCreated>): Promise<void> {
  const product = productSkusOf(snapshot);
  const previous = await store.getProduct(product.productId);
  if (previous && previous.productVersion >= product.productVersion) return;
  await store.saveProduct(product, previous);
}

export const handler = eventConsumer(pricingSubscriptions['product-changed'], {
  'product.created': record,
  'product.updated': ({ product }) => record(product),
  'product.archived': record,
});
