// Consumes customer.registered, customer.updated and customer.deleted: each customer's segments, which pick
// the price list /me/search shows them. Older versions change nothing; a deleted customer keeps none.
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { projection } from '../runtime.ts';
import { searchSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(searchSubscriptions['customer-changed'], {
  'customer.registered': (c) => projection.saveCustomerSegments(c.id, c.segments, c.version),
  'customer.updated': ({ customer: c }) => projection.saveCustomerSegments(c.id, c.segments, c.version),
  'customer.deleted': ({ id }) => projection.forgetCustomer(id),
});
