// Consumes product.* (each SKU's product and categories) and category.* (the tree, for a category condition
// that matches descendants), kept only when newer: duplicated and reordered events change nothing.
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { catalogCopy } from '../runtime.ts';
import { promotionsSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(promotionsSubscriptions['catalog-changed'], {
  'product.created': (product) => catalogCopy.saveProduct(product),
  'product.updated': ({ product }) => catalogCopy.saveProduct(product),
  'product.archived': (product) => catalogCopy.saveProduct(product),
  'category.created': (category) => catalogCopy.saveCategory(category, false),
  'category.updated': (category) => catalogCopy.saveCategory(category, false),
  'category.deleted': (category) => catalogCopy.saveCategory(category, true),
});
