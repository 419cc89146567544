// The pricing service: price books per currency and segment, tax rules, display prices, and the internal
// quote other services invoke at checkout.
import { PriceChanged } from '@commerce/events';
import { pricingQuote } from '@commerce/contracts';
import { defineService } from '@commerce/lambda-kit/service';
import { pricingRoutes } from './routes.ts';
import { pricingSubscriptions } from './subscriptions.ts';

export const pricingService = defineService({
  name: 'pricing',
  description: 'Price books per currency, sale prices, segment price lists, tax rules and quotes.',
  routes: pricingRoutes,
  subscriptions: pricingSubscriptions,
  publishes: [PriceChanged],
  internal: [{ contract: pricingQuote, entry: 'internal/quote.ts', readOnly: true }],
});
