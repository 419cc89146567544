// The pricing service's request schemas: paths, queries and bodies (unknown fields rejected). The internal
// quote's request is its contract (pricingQuote in @commerce/contracts).
import * as z from 'zod';
import { SUPPORTED_CURRENCIES } from './domain/money.ts';
import { RATE_SCALE } from './domain/tax.ts';

export const MAX_SALES_PER_CURRENCY = 10;
export const MAX_PRICE_LIST_ENTRIES = 500;
export const MAX_TAX_RULES = 500;
/** Largest amount accepted (ten billion major units of a two-digit currency): totals stay exact. */
export const MAX_AMOUNT = 1_000_000_000_000;

export const sku = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'Must be 1-64 letters, digits, ".", "-" or "_".');
export const segment = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'Lower-case words joined by hyphens.');
export const currency = z
  .enum(SUPPORTED_CURRENCIES as [string, ...string[]])
  .describe('ISO 4217 code of a currency pricing supports.');
export const amount = z
  .number()
  .int()
  .min(0)
  .max(MAX_AMOUNT)
  .describe('Integer minor units (cents, pence, yen).');
export const country = z.string().regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code such as DE.');
export const region = z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'An ISO 3166-2 code such as US-NY.');
export const taxClass = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, "Lower-case words joined by hyphens, such as 'standard' or 'reduced'.");
const version = z
  .number()
  .int()
  .min(0)
  .describe('The version you read; 0 when there is none yet. A stale one gets 409.');

const sale = z
  .object({ amount, validFrom: z.iso.datetime(), validUntil: z.iso.datetime().optional() })
  .strict()
  .refine((s) => s.validUntil === undefined || Date.parse(s.validUntil) > Date.parse(s.validFrom), {
    message: 'Must be after validFrom.',
    path: ['validUntil'],
  });

export const skuParams = z.object({ sku }).strict();
export const segmentParams = z.object({ segment }).strict();
export const productIdParams = z
  .object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Must be 1-64 letters, digits, "-" or "_".') })
  .strict();

export const skuPricesBody = z
  .object({
    version,
    prices: z
      .partialRecord(
        currency,
        z
          .object({
            amount: amount.describe('The base price in this currency.'),
            sales: z.array(sale).max(MAX_SALES_PER_CURRENCY).default([]),
          })
          .strict(),
      )
      .describe('Currency → price; a currency left out has no price any more (PUT replaces).'),
  })
  .strict();

export const priceListBody = z
  .object({
    version,
    priority: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .describe('Among the segments of a customer, the higher wins.'),
    entries: z
      .array(z.object({ sku, currency, amount }).strict())
      .max(MAX_PRICE_LIST_ENTRIES)
      .superRefine((entries, ctx) => {
        const seen = new Set<string>();
        entries.forEach((e, i) => {
          const key = `${e.sku}\u0000${e.currency}`;
          if (seen.has(key)) {
            ctx.addIssue({
              code: 'custom',
              path: [i],
              message: `${e.sku} already has a ${e.currency} price.`,
            });
          }
          seen.add(key);
        });
      }),
  })
  .strict();

export const taxTableBody = z
  .object({
    version,
    rules: z
      .array(
        z
          .object({
            country,
            region: region.optional(),
            taxClass,
            ratePpm: z
              .number()
              .int()
              .min(0)
              .max(RATE_SCALE)
              .describe('Rate in parts per million: 19% is 190000, 8.875% is 88750.'),
          })
          .strict(),
      )
      .max(MAX_TAX_RULES),
    modes: z
      .array(
        z.object({ country, region: region.optional(), mode: z.enum(['inclusive', 'exclusive']) }).strict(),
      )
      .max(MAX_TAX_RULES),
  })
  .strict();

export const productPriceQuery = z.object({ currency, country, region: region.optional() }).strict();
