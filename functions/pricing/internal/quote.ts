// The internal quote function (contract: pricingQuote in @commerce/contracts): other services (orders at
// checkout) invoke it with Lambda Invoke under IAM; it is not behind the API. Answers the engine's Quote
// with the moment it was priced, or { error } for a request that cannot be priced (400 malformed, 422
// price-not-found, tax-not-configured...). Only our own failures are thrown.
import { store } from '../runtime.ts';
import { quoteFunction } from './price-quote.ts';

export const handler = quoteFunction((skus, segments) => store.loadPricing(skus, segments));
