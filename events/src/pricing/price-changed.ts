// price.changed: what staff changed in pricing, with the amounts before and after, so that a consumer
// (search, a storefront cache) can update the prices it shows without asking pricing.
import * as z from 'zod';
import { defineEvent } from '../envelope.ts';

const amount = z.number().int().nonnegative().describe('Integer minor units of `currency`.');
const currency = z.string().regex(/^[A-Z]{3}$/);
const country = z.string().regex(/^[A-Z]{2}$/);
const region = z.string().optional().describe('ISO 3166-2 code; absent for the country-wide entry.');

/** A SKU's price in one currency: the base amount and its sales. */
const skuCurrencyPrice = z.object({
  amount,
  sales: z.array(
    z.object({ amount, validFrom: z.iso.datetime(), validUntil: z.iso.datetime().optional() }).strict(),
  ),
});

const skuScope = z
  .object({
    scope: z.literal('sku'),
    sku: z.string(),
    version: z.number().int().positive().describe("The SKU's price version after the change."),
    changes: z
      .array(
        z
          .object({
            currency,
            before: skuCurrencyPrice.nullable().describe('null: the SKU had no price in this currency.'),
            after: skuCurrencyPrice.nullable().describe('null: the price in this currency was removed.'),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .describe('The base price book: base and sale prices of one SKU, per changed currency.');

const segmentScope = z
  .object({
    scope: z.literal('segment'),
    segment: z.string(),
    version: z.number().int().positive().describe("The segment's price-list version after the change."),
    priority: z.object({ before: z.number().int().nullable(), after: z.number().int() }).strict(),
    changes: z.array(
      z.object({ sku: z.string(), currency, before: amount.nullable(), after: amount.nullable() }).strict(),
    ),
  })
  .strict()
  .describe("A customer segment's price list: each changed entry (empty when only the priority changed).");

const taxScope = z
  .object({
    scope: z.literal('tax'),
    version: z.number().int().positive().describe("The tax table's version after the change."),
    rules: z.array(
      z
        .object({
          country,
          region,
          taxClass: z.string(),
          before: z.number().int().nonnegative().nullable().describe('Rate in parts per million.'),
          after: z.number().int().nonnegative().nullable(),
        })
        .strict(),
    ),
    modes: z.array(
      z
        .object({
          country,
          region,
          before: z.enum(['inclusive', 'exclusive']).nullable(),
          after: z.enum(['inclusive', 'exclusive']).nullable(),
        })
        .strict(),
    ),
  })
  .strict()
  .describe('The tax table: each changed rate and display mode (tax changes change gross prices).');

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
