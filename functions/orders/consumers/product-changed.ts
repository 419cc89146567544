// Consumes product.created, product.updated and product.archived: records each SKU's title, weight and
// whether it is for sale (the product is published), so carts take published SKUs only and orders keep the
// title as bought. An event older than what is recorded changes nothing.
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { store } from '../runtime.ts';
import { skusOf } from '../skus.ts';
import { ordersSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(ordersSubscriptions['product-changed'], {
  'product.created': (product) => store.saveSkus(skusOf(product)),
  'product.updated': ({ product }) => store.saveSkus(skusOf(product)),
  'product.archived': (product) => store.saveSkus(skusOf(product)),
});
