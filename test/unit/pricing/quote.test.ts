import { ValidationError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import { money } from '@commerce/lambda-kit/money';
import type { PriceBook } from '../../../functions/pricing/domain/price-book.ts';
import { quote, type QuoteRequest } from '../../../functions/pricing/domain/quote.ts';
import type { TaxTable } from '../../../functions/pricing/domain/tax.ts';

const book: PriceBook = {
  basePrices: [
    { sku: 'SHIRT', price: money(2_999, 'EUR') },
    { sku: 'BOOK', price: money(1_500, 'EUR') },
    { sku: 'SHIRT', price: money(2_000, 'USD') },
    { sku: 'SHIRT', price: money(3_300, 'JPY') },
  ],
  salePrices: [{ sku: 'BOOK', price: money(1_200, 'EUR'), validFrom: '2026-06-01T00:00:00.000Z' }],
  segmentLists: [{ segment: 'vip', priority: 1, prices: [{ sku: 'SHIRT', price: money(2_499, 'EUR') }] }],
};

const taxes: TaxTable = {
  rules: [
    { country: 'DE', taxClass: 'standard', ratePpm: 190_000 },
    { country: 'DE', taxClass: 'reduced', ratePpm: 70_000 },
    { country: 'US', taxClass: 'standard', ratePpm: 0 },
    { country: 'US', region: 'US-NY', taxClass: 'standard', ratePpm: 88_750 },
    { country: 'JP', taxClass: 'standard', ratePpm: 100_000 },
  ],
  modes: [
    { country: 'DE', mode: 'inclusive' },
    { country: 'US', mode: 'exclusive' },
    { country: 'JP', mode: 'inclusive' },
  ],
};

const may = new Date('2026-05-01T00:00:00.000Z');

/** Two shirts and a book, shipped to Germany for €4.95. */
function germanBasket(overrides: Partial<QuoteRequest> = {}): QuoteRequest {
  return {
    currency: 'EUR',
    segments: [],
    lines: [
      { sku: 'SHIRT', quantity: 2, taxClass: 'standard' },
      { sku: 'BOOK', quantity: 1, taxClass: 'reduced' },
    ],
    shippingAddress: { country: 'DE' },
    shipping: { method: 'dhl-parcel', amount: money(495, 'EUR') },
    at: may,
    ...overrides,
  };
}

describe('quote with tax-inclusive prices (Germany)', () => {
  it('extracts 19% and 7% VAT from the gross prices and shipping, and adds nothing on top', () => {
    const result = quote(germanBasket(), book, taxes);
    expect(result.lines.map((l) => [l.lineSubtotal, l.lineTotal, l.taxRatePpm, l.tax])).toEqual([
      [5_998, 5_998, 190_000, 958], // 59.98 × 19/119 = 9.5766…
      [1_500, 1_500, 70_000, 98], // 15.00 × 7/107 = 0.9813…
    ]);
    expect(result).toMatchObject({
      currency: 'EUR',
      taxMode: 'inclusive',
      subtotal: 7_498,
      discountTotal: 0,
      shippingMethod: 'dhl-parcel',
      shipping: 495,
      shippingTax: 79, // 4.95 × 19/119 = 0.7903…
      taxTotal: 1_135,
      grandTotal: 7_993,
    });
    expect(result.taxLines).toEqual([
      { taxClass: 'standard', ratePpm: 190_000, base: 5_998 - 958 + 495 - 79, amount: 958 + 79 },
      { taxClass: 'reduced', ratePpm: 70_000, base: 1_500 - 98, amount: 98 },
    ]);
  });

  it('reports original and effective unit prices with where the price came from', () => {
    const result = quote(
      germanBasket({ segments: ['vip'], at: new Date('2026-06-01T00:00:00.000Z') }),
      book,
      taxes,
    );
    expect(result.lines.map((l) => [l.unitOriginal, l.unitEffective, l.priceSource])).toEqual([
      [2_999, 2_499, 'segment:vip'],
      [1_500, 1_200, 'sale'],
    ]);
    expect(result.subtotal).toBe(2 * 2_499 + 1_200);
  });

  it('quotes without shipping when nothing ships', () => {
    const result = quote(germanBasket({ shipping: null }), book, taxes);
    expect(result).toMatchObject({ shippingMethod: null, shipping: 0, shippingTax: 0, taxTotal: 958 + 98 });
    expect(result.grandTotal).toBe(7_498);
  });
});

describe('quote with tax-exclusive prices (New York)', () => {
  it('adds 8.875% sales tax to the lines and shipping', () => {
    const result = quote(
      {
        currency: 'USD',
        segments: [],
        lines: [{ sku: 'SHIRT', quantity: 3, taxClass: 'standard' }],
        shippingAddress: { country: 'US', region: 'US-NY' },
        shipping: { method: 'ups-ground', amount: money(1_000, 'USD') },
        at: may,
      },
      book,
      taxes,
    );
    expect(result).toMatchObject({
      taxMode: 'exclusive',
      subtotal: 6_000,
      shippingTax: 89, // 88.75 cents
      taxLines: [{ taxClass: 'standard', ratePpm: 88_750, base: 7_000, amount: 533 + 89 }],
      taxTotal: 622,
      grandTotal: 6_000 + 1_000 + 622,
    });
    expect(result.lines[0]!.tax).toBe(533); // 532.5 cents, half up
  });
});

describe('quote in a zero-decimal currency (Japan)', () => {
  it('works in whole yen', () => {
    const result = quote(
      {
        currency: 'JPY',
        segments: [],
        lines: [{ sku: 'SHIRT', quantity: 2, taxClass: 'standard' }],
        shippingAddress: { country: 'JP' },
        shipping: { method: 'yamato', amount: money(500, 'JPY') },
        at: may,
      },
      book,
      taxes,
    );
    expect(result).toMatchObject({ subtotal: 6_600, shippingTax: 45, taxTotal: 645, grandTotal: 7_100 });
    expect(result.lines[0]!.tax).toBe(600);
  });
});

describe('quote discounts (the promotions hook)', () => {
  it('spreads an order discount over the lines in proportion, the parts summing to the discount', () => {
    const result = quote(
      germanBasket({ discounts: [{ code: 'TENOFF', amount: money(1_000, 'EUR') }] }),
      book,
      taxes,
    );
    expect(result.lines.map((l) => [l.discount, l.lineTotal])).toEqual([
      [800, 5_198], // 1000 × 5998/7498 = 799.95
      [200, 1_300], // 1000 × 1500/7498 = 200.05
    ]);
    expect(result.discountTotal).toBe(1_000);
    expect(result.lines.map((l) => l.tax)).toEqual([830, 85]); // taxed after the discount
    expect(result.grandTotal).toBe(7_993 - 1_000);
  });

  it('caps a line discount at the line and takes line discounts before order discounts', () => {
    const result = quote(
      germanBasket({
        discounts: [
          { code: 'ORDER', amount: money(100_000, 'EUR') },
          { code: 'FREEBOOK', amount: money(10_000, 'EUR'), lineIndex: 1 },
        ],
      }),
      book,
      taxes,
    );
    expect(result.discounts).toEqual([
      { code: 'ORDER', requested: 100_000, applied: 5_998 },
      { code: 'FREEBOOK', lineIndex: 1, requested: 10_000, applied: 1_500 },
    ]);
    expect(result.lines.map((l) => [l.lineTotal, l.tax])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(result).toMatchObject({ discountTotal: 7_498, taxTotal: 79, grandTotal: 495 });
  });

  it('refuses a discount in another currency or for a line that does not exist', () => {
    expect(() =>
      quote(germanBasket({ discounts: [{ code: 'X', amount: money(100, 'USD') }] }), book, taxes),
    ).toThrow(expect.objectContaining({ problemType: 'currency-mismatch' }));
    expect(() =>
      quote(
        germanBasket({ discounts: [{ code: 'X', amount: money(100, 'EUR'), lineIndex: 2 }] }),
        book,
        taxes,
      ),
    ).toThrow(ValidationError);
  });
});

describe('quote refusals', () => {
  it('refuses quantities outside 1 to 100 and an empty basket, with pointers', () => {
    const pointers = (request: QuoteRequest) => {
      try {
        quote(request, book, taxes);
      } catch (error) {
        if (error instanceof ValidationError) return error.errors.map((e) => e.pointer);
        throw error;
      }
      throw new Error('expected a ValidationError');
    };
    const lines = [
      { sku: 'SHIRT', quantity: 0, taxClass: 'standard' },
      { sku: 'SHIRT', quantity: 101, taxClass: 'standard' },
      { sku: 'SHIRT', quantity: 1.5, taxClass: 'standard' },
    ];
    expect(pointers(germanBasket({ lines }))).toEqual([
      '/lines/0/quantity',
      '/lines/1/quantity',
      '/lines/2/quantity',
    ]);
    expect(pointers(germanBasket({ lines: [] }))).toEqual(['/lines']);
  });

  it('refuses a SKU without a price, an unsupported currency and shipping in another currency', () => {
    const unknownSku = germanBasket({ lines: [{ sku: 'GHOST', quantity: 1, taxClass: 'standard' }] });
    expect(() => quote(unknownSku, book, taxes)).toThrow(
      expect.objectContaining({
        problemType: 'price-not-found',
        message: 'SKU "GHOST" has no base price in EUR.',
      }),
    );
    expect(() => quote(germanBasket({ currency: 'XTS' }), book, taxes)).toThrow(
      expect.objectContaining({ problemType: 'unsupported-currency' }),
    );
    const shipping = { method: 'dhl-parcel', amount: money(495, 'USD') };
    expect(() => quote(germanBasket({ shipping }), book, taxes)).toThrow(
      expect.objectContaining({ problemType: 'currency-mismatch' }),
    );
  });

  it('refuses a destination without tax configuration', () => {
    expect(() => quote(germanBasket({ shippingAddress: { country: 'FR' } }), book, taxes)).toThrow(
      expect.objectContaining({ problemType: 'tax-not-configured' }),
    );
  });
});
