// The internal quote's contract: validation and refusals as typed error results, totals from the engine.
import { isInternalError as isQuoteError, pricingQuote, type QuoteResult } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { priceBookOf, type SkuPrices } from '../../../functions/pricing/domain/records.ts';
import { Pricing, type PricingLoader } from '../../../functions/pricing/pricing.ts';
import { MemoryPricingStore } from './memory-store.ts';

const now = new Date('2026-06-15T12:00:00.000Z');
const lambdaContext = {
  functionName: 'quote',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 1000,
} as Context;

/**
 * The internal quote as deployed (internal/quote.ts: validation, refusals as typed results), over a store that
 * loads with this test's loader, and this test's clock.
 */
const priceQuote = (input: unknown, loader: PricingLoader, at: Date): Promise<QuoteResult> => {
  const pricing = new Pricing(new MemoryPricingStore({ loadPricing: loader }), () => at);
  return internalFunction(pricingQuote, (request) => pricing.quote(request))(input, lambdaContext);
};

const skuPrices = (sku: string, prices: SkuPrices['prices']): SkuPrices => ({
  sku,
  prices,
  version: 1,
  updatedAt: '2026-06-01T00:00:00.000Z',
});

const load: PricingLoader = (skus, segments) =>
  Promise.resolve({
    book: priceBookOf(
      [
        skuPrices('TEE-S', {
          EUR: { amount: 2_999, sales: [{ amount: 2_499, validFrom: '2026-06-01T00:00:00.000Z' }] },
          USD: { amount: 3_200, sales: [] },
        }),
        skuPrices('TEE-M', { EUR: { amount: 3_999, sales: [] }, USD: { amount: 4_300, sales: [] } }),
      ].filter((p) => skus.includes(p.sku)),
      [
        {
          segment: 'vip',
          priority: 10,
          entries: [
            { sku: 'TEE-M', currency: 'EUR', amount: 3_499 },
            { sku: 'TEE-M', currency: 'USD', amount: 3_800 },
          ],
          version: 1,
          updatedAt: '2026-06-01T00:00:00.000Z',
        },
      ].filter((l) => segments.includes(l.segment)),
    ),
    taxes: {
      rules: [
        { country: 'DE', taxClass: 'standard', ratePpm: 190_000 },
        { country: 'US', region: 'US-NY', taxClass: 'standard', ratePpm: 88_750 },
      ],
      modes: [
        { country: 'DE', mode: 'inclusive' },
        { country: 'US', mode: 'exclusive' },
      ],
    },
    taxClassOf: () => 'standard',
  });

const germanBasket = {
  currency: 'EUR',
  lines: [
    { sku: 'TEE-S', quantity: 2 },
    { sku: 'TEE-M', quantity: 1 },
  ],
  shippingAddress: { country: 'DE' },
  shipping: { method: 'dhl-parcel', amount: 495 },
};

function problem(result: QuoteResult) {
  if (!isQuoteError(result)) throw new Error('Expected a refusal');
  return result.error;
}

describe('the internal quote', () => {
  it('prices a German basket: sale price, VAT contained per line and in shipping', async () => {
    const result = await priceQuote(germanBasket, load, now);
    if (isQuoteError(result)) throw new Error(result.error.detail);
    expect(
      result.lines.map((l) => [l.unitOriginal, l.unitEffective, l.priceSource, l.lineTotal, l.tax]),
    ).toEqual([
      [2_999, 2_499, 'sale', 4_998, 798], // 49.98 × 19/119 = 7.9801…
      [3_999, 3_999, 'base', 3_999, 638], // 39.99 × 19/119 = 6.3849…
    ]);
    expect(result).toMatchObject({
      currency: 'EUR',
      taxMode: 'inclusive',
      subtotal: 8_997,
      shipping: 495,
      shippingTax: 79,
      taxTotal: 1_515,
      grandTotal: 9_492,
      quotedAt: now.toISOString(),
    });
  });

  it('prices a New York basket for a segment with an order discount, tax added on top', async () => {
    const result = await priceQuote(
      {
        currency: 'USD',
        segments: ['vip'],
        lines: [
          { sku: 'TEE-S', quantity: 3 },
          { sku: 'TEE-M', quantity: 2 },
        ],
        shippingAddress: { country: 'US', region: 'US-NY' },
        shipping: { method: 'ups-ground', amount: 1_000 },
        discounts: [{ code: 'WELCOME5', amount: 500 }],
      },
      load,
      now,
    );
    if (isQuoteError(result)) throw new Error(result.error.detail);
    expect(result.lines.map((l) => [l.unitEffective, l.priceSource, l.discount, l.lineTotal, l.tax])).toEqual(
      [
        [3_200, 'base', 279, 9_321, 827], // 827.23875
        [3_800, 'segment:vip', 221, 7_379, 655], // 654.88625
      ],
    );
    expect(result).toMatchObject({
      taxMode: 'exclusive',
      subtotal: 17_200,
      discountTotal: 500,
      shippingTax: 89, // 88.75, half up
      taxLines: [{ taxClass: 'standard', ratePpm: 88_750, base: 17_700, amount: 1_571 }],
      taxTotal: 1_571,
      grandTotal: 19_271,
    });
  });

  it.each([
    ['a quantity of 0', { lines: [{ sku: 'TEE-S', quantity: 0 }] }, '/lines/0/quantity'],
    ['a quantity of 1000', { lines: [{ sku: 'TEE-S', quantity: 1000 }] }, '/lines/0/quantity'],
    ['no lines', { lines: [] }, '/lines'],
    ['an unsupported currency', { currency: 'XXX' }, '/currency'],
    ['an unknown field', { coupon: 'FREE' }, '/coupon'],
    ['a negative shipping amount', { shipping: { method: 'x', amount: -1 } }, '/shipping/amount'],
  ])('answers %s with a typed 400 and loads nothing', async (_what, change, pointer) => {
    const loader = vi.fn(load);
    const error = problem(await priceQuote({ ...germanBasket, ...change }, loader, now));
    expect(error).toMatchObject({ status: 400, type: 'urn:commerce:problem:validation-error' });
    expect(error.errors?.map((e) => e.pointer)).toContain(pointer);
    expect(loader).not.toHaveBeenCalled();
  });

  it('answers a SKU without a price in the currency with a typed 422', async () => {
    for (const request of [
      { ...germanBasket, lines: [{ sku: 'NO-SUCH-SKU', quantity: 1 }] },
      { ...germanBasket, currency: 'GBP' },
    ]) {
      expect(problem(await priceQuote(request, load, now))).toMatchObject({
        status: 422,
        type: 'urn:commerce:problem:price-not-found',
        title: 'Unprocessable request',
      });
    }
  });

  it('answers a destination without tax rules with a typed 422', async () => {
    const error = problem(
      await priceQuote({ ...germanBasket, shippingAddress: { country: 'FR' } }, load, now),
    );
    expect(error).toMatchObject({ status: 422, type: 'urn:commerce:problem:tax-not-configured' });
  });

  it('throws what is not the request fault, so the invocation fails visibly', async () => {
    const broken: PricingLoader = () => Promise.reject(new Error('DynamoDB is down'));
    await expect(priceQuote(germanBasket, broken, now)).rejects.toThrow('DynamoDB is down');
  });
});
