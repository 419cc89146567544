// Pricing's internal function: `quote`, the price of a basket (unit prices, discounts, tax and totals) that
// orders asks for to show a cart and to freeze it at checkout. docs/pricing.md has the rules.
import * as z from 'zod';
import { correlationIdSchema, defineInternal, type InternalResult } from './define.ts';

export const MAX_QUOTE_LINES = 50;
export const MAX_QUOTE_SEGMENTS = 20;
export const MAX_QUOTE_DISCOUNTS = 20;
/** Units of one line (pricing's MAX_QUANTITY). */
export const MAX_QUOTE_QUANTITY = 100;
/** Largest amount accepted (ten billion major units of a two-digit currency): totals stay exact. */
export const MAX_QUOTE_AMOUNT = 1_000_000_000_000;
/** The currencies pricing quotes in (the ones its money module knows the minor units of). */
export const QUOTE_CURRENCIES: readonly string[] = [
  'EUR',
  'USD',
  'GBP',
  'CHF',
  'CAD',
  'AUD',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'JPY',
  'KRW',
  'KWD',
  'BHD',
];

const sku = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'Must be 1-64 letters, digits, ".", "-" or "_".');
const quantity = z.number().int().min(1).max(MAX_QUOTE_QUANTITY);
const segment = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'Lower-case words joined by hyphens.');
const currency = z
  .enum(QUOTE_CURRENCIES as [string, ...string[]])
  .describe('ISO 4217 code of a currency pricing supports.');
const amount = z
  .number()
  .int()
  .min(0)
  .max(MAX_QUOTE_AMOUNT)
  .describe('Integer minor units (cents, pence, yen).');
const country = z.string().regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code such as DE.');
const region = z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'An ISO 3166-2 code such as US-NY.');

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
    correlationId: correlationIdSchema,
  })
  .strict();

const minorUnits = z.number().int().min(0);

const quoteLineSchema = z.object({
  sku: z.string(),
  quantity: z.number().int().min(1),
  taxClass: z.string(),
  unitOriginal: minorUnits,
  unitEffective: minorUnits,
  /** Which price won: the base price, a sale, or a segment's price list (`segment:vip`). */
  priceSource: z.union([z.literal('base'), z.literal('sale'), z.templateLiteral(['segment:', z.string()])]),
  /** unitEffective × quantity. */
  lineSubtotal: minorUnits,
  discount: minorUnits,
  /** lineSubtotal − discount. */
  lineTotal: minorUnits,
  taxRatePpm: z.number().int().min(0),
  /** Contained in lineTotal when inclusive, added to it when exclusive. */
  tax: minorUnits,
});

/** The engine's quote with the moment it was priced. */
export const quoteReplySchema = z.object({
  currency: z.string(),
  taxMode: z.enum(['inclusive', 'exclusive']),
  lines: z.array(quoteLineSchema).readonly(),
  discounts: z
    .array(
      z.object({
        code: z.string(),
        lineIndex: z.number().int().min(0).optional(),
        requested: minorUnits,
        /** What was taken off; less than requested when there was not that much left to discount. */
        applied: minorUnits,
      }),
    )
    .readonly(),
  /** Σ lineSubtotal. */
  subtotal: minorUnits,
  /** Σ line discount. */
  discountTotal: minorUnits,
  shippingMethod: z.string().nullable(),
  shipping: minorUnits,
  shippingTax: minorUnits,
  /** Tax per class at the destination; `base` is the net amount taxed. */
  taxLines: z
    .array(
      z.object({
        taxClass: z.string(),
        ratePpm: z.number().int().min(0),
        base: minorUnits,
        amount: minorUnits,
      }),
    )
    .readonly(),
  /** Σ taxLines.amount. */
  taxTotal: minorUnits,
  grandTotal: minorUnits,
  /** ISO 8601: the prices and tax rules in force then. */
  quotedAt: z.iso.datetime(),
});

export const pricingQuote = defineInternal({
  service: 'pricing',
  name: 'quote',
  description: 'prices a basket (unit prices, discounts, tax, shipping, totals) for checkout',
  request: quoteRequestSchema,
  reply: quoteReplySchema,
});

/** The request as pricing computes with it (defaults applied). */
export type QuoteRequest = z.output<typeof quoteRequestSchema>;
/** The request as a caller may send it (`segments` may be left out). */
export type QuoteRequestInput = z.input<typeof quoteRequestSchema>;
export type QuoteReply = z.output<typeof quoteReplySchema>;
export type QuoteResult = InternalResult<QuoteReply>;
