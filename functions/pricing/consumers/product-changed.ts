// Consumes product.created, product.updated and product.archived: records a product's status and SKUs (and
// their tax class, from the product attribute `taxClass`, else 'standard') for GET /product-prices/{id} and
// the quote, and its categories, which catalogue promotions match. An event older than what is recorded
// changes nothing, so late deliveries cannot roll a product back.
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { pricing } from '../runtime.ts';
import { pricingSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(pricingSubscriptions['product-changed'], {
  'product.created': (product) => pricing.learnProduct(product),
  'product.updated': ({ product }) => pricing.learnProduct(product),
  'product.archived': (product) => pricing.learnProduct(product),
});
