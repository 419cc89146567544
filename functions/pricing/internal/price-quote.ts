// The internal quote's logic: load the price book and tax table for the basket in one round trip and run
// the engine. The request is the contract's (pricingQuote in @commerce/contracts), validated by the kit's
// internal function before it gets here; what cannot be priced is thrown as a DomainError, which the kit
// answers as a refusal. The loader and the clock are passed in (tests give their own).
import { pricingQuote, type QuoteRequest } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { money } from '../domain/money.ts';
import { quote, type Quote } from '../domain/quote.ts';
import type { PricingInputs } from '../store.ts';

export type PricingLoader = (skus: readonly string[], segments: readonly string[]) => Promise<PricingInputs>;

/** The engine's quote with the moment it was priced: what the internal quote answers. */
export type PricedQuote = Quote & { readonly quotedAt: string };

/** Prices a basket; throws a DomainError for one that cannot be priced, anything else on our failures. */
export async function priceQuote(
  request: QuoteRequest,
  load: PricingLoader,
  now: Date,
): Promise<PricedQuote> {
  const { lines, currency, segments, shippingAddress, shipping, discounts } = request;
  const { book, taxes, taxClassOf } = await load(
    lines.map((l) => l.sku),
    segments,
  );
  const priced = quote(
    {
      currency,
      segments,
      lines: lines.map((l) => ({ ...l, taxClass: taxClassOf(l.sku) })),
      shippingAddress,
      shipping: shipping && { method: shipping.method, amount: money(shipping.amount, currency) },
      discounts: discounts?.map((d) => ({ ...d, amount: money(d.amount, currency) })),
      at: now,
    },
    book,
    taxes,
  );
  return { ...priced, quotedAt: now.toISOString() };
}

/** The internal quote function over a loader and a clock (quote.ts wires the store). */
export function quoteFunction(load: PricingLoader, clock: () => Date = () => new Date()) {
  return internalFunction(pricingQuote, (request) => priceQuote(request, load, clock()));
}
