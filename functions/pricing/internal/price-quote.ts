// The internal quote's logic: validate, load the price book and tax table for the basket in one round trip,
// run the engine, and turn a refusal into a typed error result. The loader is passed in (tests give their own).
import { DomainError, ValidationError, type FieldError } from '@commerce/lambda-kit/errors';
import type * as z from 'zod';
import { money } from '../domain/money.ts';
import { quote } from '../domain/quote.ts';
import type { PricingInputs } from '../store.ts';
import { quoteRequestSchema, type QuoteProblem, type QuoteResult } from './quote-contract.ts';

export type PricingLoader = (skus: readonly string[], segments: readonly string[]) => Promise<PricingInputs>;

function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map(String);
    const pointer = (parts: readonly string[]) => (parts.length ? `/${parts.join('/')}` : '');
    return issue.code === 'unrecognized_keys'
      ? issue.keys.map((k) => ({
          in: 'body' as const,
          pointer: pointer([...path, k]),
          detail: 'Unknown field.',
        }))
      : [{ in: 'body' as const, pointer: pointer(path), detail: issue.message }];
  });
}

function problemOf(error: DomainError): { error: QuoteProblem } {
  return {
    error: {
      status: error.status,
      type: `urn:commerce:problem:${error.problemType}`,
      title: error.title,
      detail: error.message,
      ...(error instanceof ValidationError ? { errors: error.errors } : {}),
    },
  };
}

/** Prices a basket, or explains why not; throws only on failures that are not the request's fault. */
export async function priceQuote(input: unknown, load: PricingLoader, now: Date): Promise<QuoteResult> {
  const parsed = quoteRequestSchema.safeParse(input);
  if (!parsed.success) return problemOf(new ValidationError(fieldErrors(parsed.error.issues)));
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
