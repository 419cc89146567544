// Consumes customer.registered, customer.updated and customer.deleted: keeps each customer's price
// segments for the pricing quote at checkout (one read with the cart's SKUs). Older versions change nothing.
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { referenceData } from '../runtime.ts';
import { ordersSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(ordersSubscriptions['customer-changed'], {
  'customer.registered': (customer) => referenceData.recordSegments(customer),
  'customer.updated': ({ customer }) => referenceData.recordSegments(customer),
  'customer.deleted': ({ id }) => referenceData.forgetCustomer(id),
});
