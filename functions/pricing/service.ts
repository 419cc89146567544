// The pricing service: price books per currency and segment, tax rules, display prices, the internal quote
// other services invoke at checkout, and the read-only price export search's reindex invokes.
import { PriceChanged } from '@commerce/events';
import { pricingExportPrices, pricingQuote, promotionsEvaluate } from '@commerce/contracts';
import { defineService } from '@commerce/lambda-kit/service';
import { pricingRoutes } from './routes.ts';
import { pricingSubscriptions } from './subscriptions.ts';

export const pricingService = defineService({
  name: 'pricing',
  description: 'Price books per currency, sale prices, segment price lists, tax rules and quotes.',
  routes: pricingRoutes,
  subscriptions: pricingSubscriptions,
  publishes: [PriceChanged],
  internal: [
    {
      contract: pricingQuote,
      entry: 'internal/quote.ts',
      readOnly: true,
      invokes: [promotionsEvaluate],
    },
    { contract: pricingExportPrices, entry: 'internal/export-prices.ts', readOnly: true },
  ],
});
