// Consumes inventory.out_of_stock, back_in_stock and low_stock: the variant's availability, kept when newer
// than the one kept (inventory announces a SKU's changes one after another: its guard orders them).
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { indexer } from '../runtime.ts';
import { searchSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(searchSubscriptions['availability-changed'], {
  'inventory.out_of_stock': (c, event) =>
    indexer.availabilityChanged(c.sku, c.availability, event.occurredAt),
  'inventory.back_in_stock': (c, event) =>
    indexer.availabilityChanged(c.sku, c.availability, event.occurredAt),
  'inventory.low_stock': (c, event) => indexer.availabilityChanged(c.sku, c.availability, event.occurredAt),
});
