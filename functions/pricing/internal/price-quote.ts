// The internal quote's logic: validate, load the price book and tax table for the basket in one round trip,
// run the engine, and turn a refusal into a typed error result. The loader is passed in (tests give their own).
import { DomainError, ValidationError } from '@commerce/lambda-kit/errors';
import { problemOf } from '@commerce/lambda-kit/internal';
import { toFieldErrors } from '@commerce/lambda-kit/zod-errors';
import { money } from '../domain/money.ts';
import { quote } from '../domain/quote.ts';
import type { PricingInputs } from '../store.ts';
import { quoteRequestSchema, type QuoteResult } from './quote-contract.ts';

export type PricingLoader = (skus: readonly string[], segments: readonly string[]) => Promise<PricingInputs>;

/** Prices a basket, or explains why not; throws only on failures that are not the request's fault. */
export async function priceQuote(input: unknown, load: PricingLoader, now: Date): Promise<QuoteResult> {
  const parsed = quoteRequestSchema.safeParse(input);
  if (!parsed.success) return problemOf(new ValidationError(toFieldErrors('body', parsed.error.issues)));
  const { lines, currency, segments, shippingAddress, shipping, discounts } = parsed.data;
  try {
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
  } catch (error) {
    if (error instanceof DomainError) return problemOf(error);
    throw error;
  }
}
