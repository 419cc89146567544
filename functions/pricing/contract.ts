// The pricing service's HTTP contract: per route, the schemas its handler validates with and the response
// it gives. The OpenAPI document is generated from this (see scripts/generate-openapi.ts).
import { defineContract } from '@commerce/lambda-kit/contract';
import * as z from 'zod';
import {
  priceListBody,
  productIdParams,
  productPriceQuery,
  segmentParams,
  skuParams,
  skuPricesBody,
  taxTableBody,
} from './schemas.ts';

const amount = z.number().int().nonnegative();
const destination = { country: z.string(), region: z.string().optional() };

const skuPrices = z
  .object({
    sku: z.string(),
    prices: z.record(
      z.string(),
      z.object({
        amount,
        sales: z.array(
          z.object({ amount, validFrom: z.iso.datetime(), validUntil: z.iso.datetime().optional() }),
        ),
      }),
    ),
    version: z.number().int().positive(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'SkuPrices' });

const priceList = z
  .object({
    segment: z.string(),
    priority: z.number().int(),
    entries: z.array(z.object({ sku: z.string(), currency: z.string(), amount })),
    version: z.number().int().positive(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'PriceList' });

const taxTable = z
  .object({
    rules: z.array(z.object({ ...destination, taxClass: z.string(), ratePpm: amount })),
    modes: z.array(z.object({ ...destination, mode: z.enum(['inclusive', 'exclusive']) })),
    version: z.number().int().nonnegative().describe('0 until the table is first set.'),
    updatedAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'TaxTable' });

const productPrice = z
  .object({
    productId: z.string(),
    currency: z.string(),
    ...destination,
    taxMode: z
      .enum(['inclusive', 'exclusive'])
      .describe('inclusive: amounts contain their tax; exclusive: tax is added on top.'),
    items: z.array(
      z.object({
        sku: z.string(),
        taxClass: z.string(),
        original: amount.describe('Base unit price in minor units.'),
        effective: amount.describe('What a guest pays per unit (the lowest active sale, else base).'),
        source: z.string().describe('`base` or `sale`.'),
        taxRatePpm: amount,
        tax: amount.describe('Tax on `effective`: contained in it (inclusive) or added to it (exclusive).'),
        total: amount.describe('One unit with tax.'),
      }),
    ),
    unpriced: z.array(z.string()).describe('Variant SKUs without a price in this currency.'),
  })
  .meta({ id: 'ProductPrice' });

export const pricingContract = defineContract({
  'PUT /prices/{sku}': {
    params: skuParams,
    body: skuPricesBody,
    response: {
      status: 200,
      description: 'The SKU prices as stored; `etag` carries the version.',
      body: skuPrices,
    },
    errors: [409],
  },
  'GET /prices/{sku}': {
    params: skuParams,
    response: { status: 200, description: 'The SKU prices; `etag` carries the version.', body: skuPrices },
    errors: [404],
  },
  'PUT /price-lists/{segment}': {
    params: segmentParams,
    body: priceListBody,
    response: { status: 200, description: 'The price list as stored.', body: priceList },
    errors: [409],
  },
  'GET /price-lists': {
    response: {
      status: 200,
      description: 'Every segment price list, by segment.',
      body: z.object({ items: z.array(priceList) }).meta({ id: 'PriceListList' }),
    },
  },
  'PUT /tax-rules': {
    body: taxTableBody,
    response: { status: 200, description: 'The tax table as stored.', body: taxTable },
    errors: [409],
  },
  'GET /tax-rules': {
    response: {
      status: 200,
      description: 'The tax table (empty, version 0, until first set).',
      body: taxTable,
    },
  },
  'GET /product-prices/{id}': {
    params: productIdParams,
    query: productPriceQuery,
    response: {
      status: 200,
      description: "The product's variant prices for a guest in a currency at a destination.",
      body: productPrice,
    },
    errors: [404, 422],
  },
});
