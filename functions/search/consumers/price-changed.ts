// Consumes price.changed: a SKU's base and sale prices per changed currency, or a segment list's entries,
// each kept under its version (per currency), then the products' documents are rebuilt. Tax changes do not
// move the price-book amounts search shows, so they change nothing here.
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { indexer } from '../runtime.ts';
import { searchSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(searchSubscriptions['price-changed'], {
  'price.changed': async (change) => {
    if (change.scope === 'sku') {
      await indexer.skuPricesChanged(
        change.sku,
        change.version,
        change.changes.map((c) => ({ currency: c.currency, after: c.after })),
      );
    } else if (change.scope === 'segment') {
      await indexer.segmentPricesChanged(
        change.segment,
        change.version,
        change.priority.after,
        change.changes.map((c) => ({ sku: c.sku, currency: c.currency, after: c.after })),
      );
    }
  },
});
