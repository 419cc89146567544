// Consumes customer.deleted: their reviews lose their author and photos; ratings and texts stay, and so
// does each product's aggregate.
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { reviews } from '../runtime.ts';
import { reviewSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(reviewSubscriptions['customer-deleted'], {
  'customer.deleted': async ({ id }, event) => {
    await reviews.erase(id, event);
  },
});
