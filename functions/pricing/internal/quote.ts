// The internal quote function (contract: pricingQuote in @commerce/contracts): other services (orders at
// checkout) invoke it with Lambda Invoke under IAM; it is not behind the API. Answers the engine's Quote
// with the moment it was priced, or { error } for a request that cannot be priced (400 malformed, 422
// price-not-found, tax-not-configured...). Only our own failures are thrown.
import { pricingQuote } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { pricing } from '../runtime.ts';

export const handler = internalFunction(pricingQuote, (request) => pricing.quote(request));
