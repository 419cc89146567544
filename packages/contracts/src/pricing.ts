// Pricing's internal functions: `quote`, the price of a basket (unit prices, discounts, tax and totals) that
// orders asks for to show a cart and to freeze it at checkout, and `exportPrices`, the stored prices of some
// SKUs for a consumer that rebuilds its copy from the owner's data (search's reindex). docs/pricing.md has
// the rules.
import * as z from 'zod/mini';
import { evaluateReplySchema } from './promotions.ts';
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

const sku = z
  .string()
  .check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'Must be 1-64 letters, digits, ".", "-" or "_".'));
const quantity = z.number().check(z.int(), z.gte(1), z.lte(MAX_QUOTE_QUANTITY));
const segment = z.string().check(z.regex(/^[a-z][a-z0-9-]{0,39}$/, 'Lower-case words joined by hyphens.'));
const currency = z
  .enum(QUOTE_CURRENCIES as [string, ...string[]])
  .check(z.describe('ISO 4217 code of a currency pricing supports.'));
const amount = z
  .number()
  .check(z.int(), z.gte(0), z.lte(MAX_QUOTE_AMOUNT), z.describe('Integer minor units (cents, pence, yen).'));
const country = z.string().check(z.regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code such as DE.'));
const region = z.string().check(z.regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'An ISO 3166-2 code such as US-NY.'));

/** Amounts are integer minor units of `currency`. */
export const quoteRequestSchema = z.strictObject({
  lines: z.array(z.strictObject({ sku, quantity })).check(z.minLength(1), z.maxLength(MAX_QUOTE_LINES)),
  currency,
  /** The customer's segments (from their profile); none for a guest. */
  segments: z._default(z.array(segment).check(z.maxLength(MAX_QUOTE_SEGMENTS)), []),
  shippingAddress: z.strictObject({ country, region: z.optional(region) }),
  /** The carrier's price in the destination's tax mode; null when nothing ships. */
  shipping: z.nullable(
    z.strictObject({ method: z.string().check(z.minLength(1), z.maxLength(100)), amount }),
  ),
  /** The promotions hook: amounts off one line (lineIndex) or the order, applied by the engine's rules. */
  discounts: z.optional(
    z
      .array(
        z.strictObject({
          code: z.string().check(z.minLength(1), z.maxLength(100)),
          amount,
          lineIndex: z.optional(z.number().check(z.int(), z.gte(0))),
        }),
      )
      .check(z.maxLength(MAX_QUOTE_DISCOUNTS)),
  ),
  /**
   * Ask promotions what applies (one internal call with the priced lines): its amounts per line join
   * `discounts`, its shipping discount lowers `shipping`, and the reply explains every candidate.
   */
  promotions: z.optional(
    z.strictObject({
      codes: z._default(
        z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.maxLength(10)),
        [],
      ),
      buyer: z.strictObject({
        signedIn: z.boolean(),
        customerId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
        email: z.optional(z.string().check(z.minLength(3), z.maxLength(254))),
        /** Left out, promotions works it out from the buyer's paid orders (it counts them). */
        firstOrder: z.optional(z.boolean()),
      }),
      /** The order a checkout prices (its own reservations do not count against it). */
      orderId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/))),
    }),
  ),
  /** The caller's correlation id, carried into pricing's logs. */
  correlationId: correlationIdSchema,
});

const minorUnits = z.number().check(z.int(), z.gte(0));

const quoteLineSchema = z.object({
  sku: z.string(),
  quantity: z.number().check(z.int(), z.gte(1)),
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
  taxRatePpm: z.number().check(z.int(), z.gte(0)),
  /** Contained in lineTotal when inclusive, added to it when exclusive. */
  tax: minorUnits,
});

/** The engine's quote with the moment it was priced. */
export const quoteReplySchema = z.object({
  currency: z.string(),
  taxMode: z.enum(['inclusive', 'exclusive']),
  lines: z.readonly(z.array(quoteLineSchema)),
  discounts: z.readonly(
    z.array(
      z.object({
        code: z.string(),
        lineIndex: z.optional(z.number().check(z.int(), z.gte(0))),
        requested: minorUnits,
        /** What was taken off; less than requested when there was not that much left to discount. */
        applied: minorUnits,
      }),
    ),
  ),
  /** Σ lineSubtotal. */
  subtotal: minorUnits,
  /** Σ line discount. */
  discountTotal: minorUnits,
  shippingMethod: z.nullable(z.string()),
  shipping: minorUnits,
  shippingTax: minorUnits,
  /** Tax per class at the destination; `base` is the net amount taxed. */
  taxLines: z.readonly(
    z.array(
      z.object({
        taxClass: z.string(),
        ratePpm: z.number().check(z.int(), z.gte(0)),
        base: minorUnits,
        amount: minorUnits,
      }),
    ),
  ),
  /** Σ taxLines.amount. */
  taxTotal: minorUnits,
  grandTotal: minorUnits,
  /** ISO 8601: the prices and tax rules in force then. */
  quotedAt: z.iso.datetime(),
  /** What promotions answered, when the request asked (`shipping` above is already net of its discount). */
  promotions: z.optional(evaluateReplySchema),
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

// ---------------------------------------------------------------------------------------------------------
// exportPrices

/** SKUs per exportPrices call. */
export const MAX_EXPORT_PRICES_SKUS = 500;

export const exportPricesRequestSchema = z.strictObject({
  skus: z.array(sku).check(z.minLength(1), z.maxLength(MAX_EXPORT_PRICES_SKUS)),
  correlationId: correlationIdSchema,
});

/** Any ISO 4217 code: a key of a reply's price record (an enum key would demand every currency). */
const isoCurrency = z.string().check(z.regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as EUR.'));
const storedVersion = z.number().check(z.int(), z.gte(1));

export const exportPricesReplySchema = z.object({
  /** The SkuPrices record of each requested SKU that has one; a SKU without prices is absent. */
  prices: z.array(
    z.object({
      sku: z.string(),
      version: storedVersion,
      /** Currency → the base price and its sales (active from validFrom until validUntil, exclusive). */
      prices: z.record(
        isoCurrency,
        z.object({
          amount,
          sales: z.array(
            z.object({
              amount,
              validFrom: z.iso.datetime(),
              validUntil: z.optional(z.iso.datetime()),
            }),
          ),
        }),
      ),
    }),
  ),
  /**
   * Every segment's price list with only its entries for the requested SKUs: a list without any still
   * appears (`entries: []`), so a consumer learns every segment's version and priority.
   */
  segments: z.array(
    z.object({
      segment: z.string(),
      version: storedVersion,
      /** Among the segments of a customer, the higher wins. */
      priority: z.number().check(z.int()),
      entries: z.array(z.object({ sku: z.string(), currency: isoCurrency, amount })),
    }),
  ),
});

/** Read-only: the stored base, sale and segment prices of some SKUs (reindexing). Refusals: 400 malformed. */
export const pricingExportPrices = defineInternal({
  service: 'pricing',
  name: 'exportPrices',
  description: 'the stored base, sale and segment prices of some SKUs (reindexing)',
  request: exportPricesRequestSchema,
  reply: exportPricesReplySchema,
});

export type ExportPricesRequest = z.output<typeof exportPricesRequestSchema>;
export type ExportPricesReply = z.output<typeof exportPricesReplySchema>;
export type ExportPricesResult = InternalResult<ExportPricesReply>;
