// price.changed: what staff changed in pricing, with the amounts before and after, so that a consumer
// (search, a storefront cache) can update the prices it shows without asking pricing.
import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';

const amount = z.number().check(z.int(), z.nonnegative(), z.describe('Integer minor units of `currency`.'));
const currency = z.string().check(z.regex(/^[A-Z]{3}$/));
const country = z.string().check(z.regex(/^[A-Z]{2}$/));
const region = z
  .optional(z.string())
  .check(z.describe('ISO 3166-2 code; absent for the country-wide entry.'));

/** A SKU's price in one currency: the base amount and its sales. */
const skuCurrencyPrice = z.object({
  amount,
  sales: z.array(
    z.strictObject({ amount, validFrom: z.iso.datetime(), validUntil: z.optional(z.iso.datetime()) }),
  ),
});

const skuScope = z
  .strictObject({
    scope: z.literal('sku'),
    sku: z.string(),
    version: z.number().check(z.int(), z.positive(), z.describe("The SKU's price version after the change.")),
    changes: z
      .array(
        z.strictObject({
          currency,
          before: z
            .nullable(skuCurrencyPrice)
            .check(z.describe('null: the SKU had no price in this currency.')),
          after: z
            .nullable(skuCurrencyPrice)
            .check(z.describe('null: the price in this currency was removed.')),
        }),
      )
      .check(z.minLength(1)),
  })
  .check(z.describe('The base price book: base and sale prices of one SKU, per changed currency.'));

const segmentScope = z
  .strictObject({
    scope: z.literal('segment'),
    segment: z.string(),
    version: z
      .number()
      .check(z.int(), z.positive(), z.describe("The segment's price-list version after the change.")),
    priority: z.strictObject({
      before: z.nullable(z.number().check(z.int())),
      after: z.number().check(z.int()),
    }),
    changes: z.array(
      z.strictObject({ sku: z.string(), currency, before: z.nullable(amount), after: z.nullable(amount) }),
    ),
  })
  .check(
    z.describe("A customer segment's price list: each changed entry (empty when only the priority changed)."),
  );

const taxScope = z
  .strictObject({
    scope: z.literal('tax'),
    version: z.number().check(z.int(), z.positive(), z.describe("The tax table's version after the change.")),
    rules: z.array(
      z.strictObject({
        country,
        region,
        taxClass: z.string(),
        before: z
          .nullable(z.number().check(z.int(), z.nonnegative()))
          .check(z.describe('Rate in parts per million.')),
        after: z.nullable(z.number().check(z.int(), z.nonnegative())),
      }),
    ),
    modes: z.array(
      z.strictObject({
        country,
        region,
        before: z.nullable(z.enum(['inclusive', 'exclusive'])),
        after: z.nullable(z.enum(['inclusive', 'exclusive'])),
      }),
    ),
  })
  .check(z.describe('The tax table: each changed rate and display mode (tax changes change gross prices).'));

export const PriceChanged = defineEvent({
  producer: 'pricing',
  detailType: 'price.changed',
  version: 1,
  description:
    'Staff changed prices: the base and sale prices of a SKU (`scope` sku, one event per SKU with every ' +
    'changed currency), a segment price list (`scope` segment) or the tax table (`scope` tax). Amounts are ' +
    'integer minor units; `before`/`after` null mean absent before/after.',
  data: z.discriminatedUnion('scope', [skuScope, segmentScope, taxScope]),
});
