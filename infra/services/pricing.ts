// Wiring of the pricing service: price books per currency and segment, tax rules, display prices, and the
// internal quote other services invoke at checkout.
import { PriceChanged, ProductArchived, ProductCreated, ProductUpdated } from '@commerce/events';
import type { ServiceDefinition } from '../constructs/service-definition.ts';
import { pricingRoutes } from './pricing.routes.ts';

const dir = 'functions/pricing';

export const pricingService: ServiceDefinition = {
  name: 'pricing',
  description: 'Price books per currency, sale prices, segment price lists, tax rules and quotes.',
  routes: pricingRoutes,
  subscriptions: [
    {
      name: 'product-changed',
      events: [ProductCreated, ProductUpdated, ProductArchived],
      handler: `${dir}/consumers/product-changed.ts`,
    },
  ],
  publishes: [PriceChanged],
  internal: [
    {
      name: 'quote',
      handler: `${dir}/internal/quote.ts`,
      description: 'prices a basket (unit prices, discounts, tax, shipping, totals) for checkout',
      readOnly: true,
    },
  ],
};
