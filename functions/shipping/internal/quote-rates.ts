// Internal `quoteRates` (contract: shippingQuoteRates in @commerce/contracts), read-only: the orders
// service's rate quote at checkout. The same input as POST /shipping/rates ({ currency, subtotal,
// totalWeightGrams, destination, correlationId? }); answers { offers }, cheapest first, or { error } (400
// malformed cart, 422 invalid-rate-table).
import { shippingQuoteRates } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { shipping } from '../runtime.ts';

export const handler = internalFunction(shippingQuoteRates, async ({ correlationId: _c, ...cart }) => ({
  offers: await shipping.quote(cart),
}));
