// The contract of the internal quote function (functions/pricing/internal/quote.ts), invoked by other
// services with Lambda Invoke (RequestResponse) under IAM, never through the API. The request is
// validated with this schema; the result is the engine's Quote with the moment it was priced, or a typed
// error, never a thrown exception for a request that is at fault (docs/pricing.md has the details).
import type { FieldError } from '@commerce/lambda-kit/errors';
import * as z from 'zod';
import type { Quote } from '../domain/quote.ts';
import { amount, country, currency, quantity, region, segment, sku } from '../schemas.ts';

export const MAX_QUOTE_LINES = 50;
export const MAX_QUOTE_SEGMENTS = 20;
export const MAX_QUOTE_DISCOUNTS = 20;

/** Amounts are integer minor units of `currency`. */
export const quoteRequestSchema = z
  .object({
    lines: z.array(z.object({ sku, quantity }).strict()).min(1).max(MAX_QUOTE_LINES),
    currency,
    /** The customer's segments (from their profile); none for a guest. */
    segments: z.array(segment).max(MAX_QUOTE_SEGMENTS).default([]),
    shippingAddress: z.object({ country, region: region.optional() }).strict(),
    /** The carrier's price in the destination's tax mode; null when nothing ships. */
    shipping: z
      .object({ method: z.string().min(1).max(100), amount })
      .strict()
      .nullable(),
    /** The promotions hook: amounts off one line (lineIndex) or the order, applied by the engine's rules. */
    discounts: z
      .array(
        z
          .object({ code: z.string().min(1).max(100), amount, lineIndex: z.number().int().min(0).optional() })
          .strict(),
      )
      .max(MAX_QUOTE_DISCOUNTS)
      .optional(),
    /** The caller's correlation id, carried into pricing's logs. */
    correlationId: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,128}$/)
      .optional(),
  })
  .strict();

export type QuoteRequestInput = z.input<typeof quoteRequestSchema>;

/** A refused quote, shaped like the API's problem+json so a caller can pass it on. */
export interface QuoteProblem {
  /** 400: the request is malformed; 422: well formed but cannot be priced (no price, no tax rule...). */
  readonly status: number;
  /** `urn:commerce:problem:<slug>`. */
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  /** Per field, for 400. */
  readonly errors?: readonly FieldError[];
}

export type PricedQuote = Quote & { readonly quotedAt: string };
export type QuoteResult = PricedQuote | { readonly error: QuoteProblem };

export function isQuoteError(result: QuoteResult): result is { readonly error: QuoteProblem } {
  return 'error' in result;
}
