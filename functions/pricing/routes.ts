// The pricing service's routes, each declared once: its handler, who may call it, what it calls, the schemas
// the handler validates with and the response it gives. The API, the OpenAPI document and the authorizer's
// route table are built from these entries (scripts/generate.ts).
import { defineRoutes } from '@commerce/lambda-kit/service';
import * as z from 'zod/mini';
import {
  priceListBody,
  productIdParams,
  productPriceQuery,
  segmentParams,
  skuParams,
  skuPricesBody,
  taxTableBody,
} from './schemas.ts';

const amount = z.number().check(z.int(), z.nonnegative());
const destination = { country: z.string(), region: z.optional(z.string()) };

const skuPrices = z
  .object({
    sku: z.string(),
    prices: z.record(
      z.string(),
      z.object({
        amount,
        sales: z.array(
          z.object({ amount, validFrom: z.iso.datetime(), validUntil: z.optional(z.iso.datetime()) }),
        ),
      }),
    ),
    version: z.number().check(z.int(), z.positive()),
    updatedAt: z.iso.datetime(),
  })
  .check(z.meta({ id: 'SkuPrices' }));

const priceList = z
  .object({
    segment: z.string(),
    priority: z.number().check(z.int()),
    entries: z.array(z.object({ sku: z.string(), currency: z.string(), amount })),
    version: z.number().check(z.int(), z.positive()),
    updatedAt: z.iso.datetime(),
  })
  .check(z.meta({ id: 'PriceList' }));

const taxTable = z
  .object({
    rules: z.array(z.object({ ...destination, taxClass: z.string(), ratePpm: amount })),
    modes: z.array(z.object({ ...destination, mode: z.enum(['inclusive', 'exclusive']) })),
    version: z.number().check(z.int(), z.nonnegative(), z.describe('0 until the table is first set.')),
    updatedAt: z.optional(z.iso.datetime()),
  })
  .check(z.meta({ id: 'TaxTable' }));

const productPrice = z
  .object({
    productId: z.string(),
    currency: z.string(),
    ...destination,
    taxMode: z
      .enum(['inclusive', 'exclusive'])
      .check(z.describe('inclusive: amounts contain their tax; exclusive: tax is added on top.')),
    items: z.array(
      z.object({
        sku: z.string(),
        taxClass: z.string(),
        original: amount.check(z.describe('Base unit price in minor units.')),
        effective: amount.check(
          z.describe('What a guest pays per unit (the lowest active sale, else base).'),
        ),
        source: z.string().check(z.describe('`base` or `sale`.')),
        taxRatePpm: amount,
        tax: amount.check(
          z.describe('Tax on `effective`: contained in it (inclusive) or added to it (exclusive).'),
        ),
        total: amount.check(z.describe('One unit with tax.')),
        promotion: z.optional(
          z
            .object({
              promotionId: z.string(),
              badge: z.string().check(z.describe('What the shopper is shown (“Sale”).')),
              amount: amount.check(z.describe('Taken off one unit, as the cart takes it off.')),
              final: amount.check(
                z.describe('The unit price after it, read like `effective` (with or without tax).'),
              ),
            })
            .check(z.describe('The best live catalogue promotion for this variant, if one applies.')),
        ),
      }),
    ),
    unpriced: z.array(z.string()).check(z.describe('Variant SKUs without a price in this currency.')),
  })
  .check(z.meta({ id: 'ProductPrice' }));

export const pricingRoutes = defineRoutes('pricing', {
  'PUT /prices/{sku}': {
    entry: 'http/set-sku-prices.ts',
    access: 'staff',
    summary: "Set a SKU's base and sale prices in every currency.",
    params: skuParams,
    body: skuPricesBody,
    response: {
      status: 200,
      description: 'The SKU prices as stored; `etag` carries the version.',
      body: skuPrices,
    },
    errors: [409, 422],
  },
  'GET /prices/{sku}': {
    entry: 'http/get-sku-prices.ts',
    access: 'staff',
    summary: "A SKU's base and sale prices.",
    readOnly: true,
    params: skuParams,
    response: { status: 200, description: 'The SKU prices; `etag` carries the version.', body: skuPrices },
    errors: [404],
  },
  'PUT /price-lists/{segment}': {
    entry: 'http/set-price-list.ts',
    access: 'staff',
    summary: "Set a customer segment's price list.",
    params: segmentParams,
    body: priceListBody,
    response: { status: 200, description: 'The price list as stored.', body: priceList },
    errors: [409, 422],
  },
  'GET /price-lists': {
    entry: 'http/list-price-lists.ts',
    access: 'staff',
    summary: 'Every segment price list.',
    readOnly: true,
    response: {
      status: 200,
      description: 'Every segment price list, by segment.',
      body: z.object({ items: z.array(priceList) }).check(z.meta({ id: 'PriceListList' })),
    },
  },
  'PUT /tax-rules': {
    entry: 'http/set-tax-rules.ts',
    access: 'staff',
    summary: 'Replace the tax table: rates and display modes per country and region.',
    body: taxTableBody,
    response: { status: 200, description: 'The tax table as stored.', body: taxTable },
    errors: [409, 422],
  },
  'GET /tax-rules': {
    entry: 'http/get-tax-rules.ts',
    access: 'staff',
    summary: 'The tax table.',
    readOnly: true,
    response: {
      status: 200,
      description: 'The tax table (empty, version 0, until first set).',
      body: taxTable,
    },
  },
  'GET /product-prices/{id}': {
    entry: 'http/get-product-price.ts',
    access: 'public',
    summary: "A product's variant prices with tax, for a currency and destination.",
    readOnly: true,
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
