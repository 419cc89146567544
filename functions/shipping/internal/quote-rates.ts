// Internal `quoteRates` (read-only): the orders service's rate quote at checkout. The same input as POST
// /shipping/rates ({ currency, subtotal, totalWeightGrams, destination, correlationId? }); answers
// { offers }, cheapest first, or { error } (400 malformed cart, 422 invalid-rate-table).
import { shipping } from '../runtime.ts';
import { quoteRatesInput } from '../schemas.ts';
import { internalFunction } from '@commerce/lambda-kit/internal';

export const handler = internalFunction({
  name: 'QuoteRates',
  input: quoteRatesInput,
  handler: async ({ correlationId: _c, ...cart }) => ({ offers: await shipping.quote(cart) }),
});
