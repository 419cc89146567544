// Consumes product.created, product.updated and product.archived: records each SKU's title, weight and
// whether it is for sale (the product is published), so carts take published SKUs only and orders keep the
// title as bought. An event older than what is recorded changes nothing.
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { referenceData } from '../runtime.ts';
import { ordersSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(ordersSubscriptions['product-changed'], {
  'product.created': (product) => referenceData.recordProduct(product),
  'product.updated': ({ product }) => referenceData.recordProduct(product),
  'product.archived': (product) => referenceData.recordProduct(product),
});
