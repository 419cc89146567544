// Consumes product.* and category.*: the product's document is rebuilt (removed unless published); a category
// renamed or moved rebuilds the documents of the products under it. Older versions change nothing.
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { indexer } from '../runtime.ts';
import { searchSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(searchSubscriptions['catalog-changed'], {
  'product.created': (product) => indexer.productChanged(product),
  'product.updated': ({ product }) => indexer.productChanged(product),
  'product.archived': (product) => indexer.productChanged(product),
  'category.created': (category) => indexer.categoryChanged(category, false),
  'category.updated': (category) => indexer.categoryChanged(category, false),
  'category.deleted': (category) => indexer.categoryChanged(category, true),
});
