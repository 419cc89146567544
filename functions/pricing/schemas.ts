// The pricing service's request schemas: paths, queries and bodies (unknown fields rejected). The internal
// quote's request is its contract (pricingQuote in @commerce/contracts).
import { RULE_ISSUE, rule } from '@commerce/lambda-kit/contract';
import * as z from 'zod/mini';
import { SUPPORTED_CURRENCIES } from '@commerce/lambda-kit/money';
import { RATE_SCALE } from './domain/tax.ts';

export const MAX_SALES_PER_CURRENCY = 10;
export const MAX_PRICE_LIST_ENTRIES = 500;
export const MAX_TAX_RULES = 500;
/** Largest amount accepted (ten billion major units of a two-digit currency): totals stay exact. */
export const MAX_AMOUNT = 1_000_000_000_000;

export const sku = z
  .string()
  .check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'Must be 1-64 letters, digits, ".", "-" or "_".'));
export const segment = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9-]{0,39}$/, 'Lower-case words joined by hyphens.'));
export const currency = z
  .enum(SUPPORTED_CURRENCIES as [string, ...string[]])
  .check(z.describe('ISO 4217 code of a currency pricing supports.'));
export const amount = z
  .number()
  .check(z.int(), z.gte(0), z.lte(MAX_AMOUNT), z.describe('Integer minor units (cents, pence, yen).'));
export const country = z.string().check(z.regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code such as DE.'));
export const region = z
  .string()
  .check(z.regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'An ISO 3166-2 code such as US-NY.'));
export const taxClass = z
  .string()
  .check(
    z.regex(/^[a-z][a-z0-9-]{0,39}$/, "Lower-case words joined by hyphens, such as 'standard' or 'reduced'."),
  );
const version = z
  .number()
  .check(
    z.int(),
    z.gte(0),
    z.describe('The version you read; 0 when there is none yet. A stale one gets 409.'),
  );

const sale = z
  .strictObject({ amount, validFrom: z.iso.datetime(), validUntil: z.optional(z.iso.datetime()) })
  .check(
    rule<{ validFrom: string; validUntil?: string | undefined }>(
      (s) => s.validUntil === undefined || Date.parse(s.validUntil) > Date.parse(s.validFrom),
      'Must be after validFrom.',
      ['validUntil'],
    ),
  );

export const skuParams = z.strictObject({ sku });
export const segmentParams = z.strictObject({ segment });
export const productIdParams = z.strictObject({
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Must be 1-64 letters, digits, "-" or "_".')),
});

export const skuPricesBody = z.strictObject({
  version,
  prices: z
    .partialRecord(
      currency,
      z.strictObject({
        amount: amount.check(z.describe('The base price in this currency.')),
        sales: z._default(z.array(sale).check(z.maxLength(MAX_SALES_PER_CURRENCY)), []),
      }),
    )
    .check(z.describe('Currency → price; a currency left out has no price any more (PUT replaces).')),
});

export const priceListBody = z.strictObject({
  version,
  priority: z
    .number()
    .check(z.int(), z.gte(0), z.lte(1000), z.describe('Among the segments of a customer, the higher wins.')),
  entries: z.array(z.strictObject({ sku, currency, amount })).check(
    z.maxLength(MAX_PRICE_LIST_ENTRIES),
    z.superRefine((entries, ctx) => {
      const seen = new Set<string>();
      entries.forEach((e, i) => {
        const key = `${e.sku}\u0000${e.currency}`;
        if (seen.has(key)) {
          ctx.addIssue({
            code: 'custom',
            params: RULE_ISSUE,
            path: [i],
            message: `${e.sku} already has a ${e.currency} price.`,
          });
        }
        seen.add(key);
      });
    }),
  ),
});

export const taxTableBody = z.strictObject({
  version,
  rules: z
    .array(
      z.strictObject({
        country,
        region: z.optional(region),
        taxClass,
        ratePpm: z
          .number()
          .check(
            z.int(),
            z.gte(0),
            z.lte(RATE_SCALE),
            z.describe('Rate in parts per million: 19% is 190000, 8.875% is 88750.'),
          ),
      }),
    )
    .check(z.maxLength(MAX_TAX_RULES)),
  modes: z
    .array(z.strictObject({ country, region: z.optional(region), mode: z.enum(['inclusive', 'exclusive']) }))
    .check(z.maxLength(MAX_TAX_RULES)),
});

export const productPriceQuery = z.strictObject({ currency, country, region: z.optional(region) });
