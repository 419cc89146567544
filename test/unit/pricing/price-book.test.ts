import { ValidationError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import { money } from '@commerce/lambda-kit/money';
import {
  assertValidPriceBook,
  effectiveUnitPrice,
  type PriceBook,
} from '../../../functions/pricing/domain/price-book.ts';

const eur = (amount: number) => money(amount, 'EUR');
const saleStart = '2026-03-01T00:00:00.000Z';
const saleEnd = '2026-03-08T00:00:00.000Z';

function book(overrides: Partial<PriceBook> = {}): PriceBook {
  return {
    basePrices: [
      { sku: 'SHIRT-M', price: eur(10_000) },
      { sku: 'SHIRT-M', price: money(11_000, 'USD') },
    ],
    salePrices: [{ sku: 'SHIRT-M', price: eur(8_500), validFrom: saleStart, validUntil: saleEnd }],
    segmentLists: [
      { segment: 'vip', priority: 10, prices: [{ sku: 'SHIRT-M', price: eur(8_000) }] },
      { segment: 'wholesale', priority: 20, prices: [{ sku: 'SHIRT-M', price: eur(9_000) }] },
    ],
    ...overrides,
  };
}

function price(at: string, segments: string[] = [], currency = 'EUR', priceBook = book()) {
  return effectiveUnitPrice(priceBook, { sku: 'SHIRT-M', currency, segments, at: new Date(at) });
}

describe('effectiveUnitPrice: base and sale', () => {
  it('charges the base price of the currency when nothing else applies', () => {
    expect(price('2026-02-01T00:00:00.000Z', [], 'USD')).toEqual({
      original: money(11_000, 'USD'),
      effective: money(11_000, 'USD'),
      source: 'base',
    });
  });

  it('starts a sale at validFrom inclusive and ends it at validUntil exclusive', () => {
    const at = (iso: string) => price(iso).source;
    expect(at('2026-02-28T23:59:59.999Z')).toBe('base');
    expect(at(saleStart)).toBe('sale');
    expect(at('2026-03-07T23:59:59.999Z')).toBe('sale');
    expect(at(saleEnd)).toBe('base');
  });

  it('keeps the base price as the original while a sale runs', () => {
    expect(price(saleStart)).toEqual({ original: eur(10_000), effective: eur(8_500), source: 'sale' });
  });

  it('takes the lowest of overlapping sales and keeps an open-ended sale running', () => {
    const priceBook = book({
      salePrices: [
        { sku: 'SHIRT-M', price: eur(9_500), validFrom: '2026-01-01T00:00:00.000Z' },
        { sku: 'SHIRT-M', price: eur(7_000), validFrom: saleStart, validUntil: saleEnd },
      ],
    });
    expect(price('2026-03-02T00:00:00.000Z', [], 'EUR', priceBook).effective).toEqual(eur(7_000));
    expect(price('2030-01-01T00:00:00.000Z', [], 'EUR', priceBook).effective).toEqual(eur(9_500));
  });

  it('ignores a sale that would not lower the price, so the source stays base', () => {
    const priceBook = book({ salePrices: [{ sku: 'SHIRT-M', price: eur(10_000), validFrom: saleStart }] });
    expect(price(saleStart, [], 'EUR', priceBook).source).toBe('base');
  });

  it('names the SKU and currency when there is no base price', () => {
    expect(() => price(saleStart, [], 'GBP')).toThrow(
      expect.objectContaining({
        message: 'SKU "SHIRT-M" has no base price in GBP.',
        status: 422,
        problemType: 'price-not-found',
      }),
    );
  });

  it('refuses a book with two base prices for the same SKU and currency', () => {
    const priceBook = book({ basePrices: [...book().basePrices, { sku: 'SHIRT-M', price: eur(1) }] });
    expect(() => price(saleStart, [], 'EUR', priceBook)).toThrow(
      expect.objectContaining({ problemType: 'ambiguous-price' }),
    );
  });
});

describe('effectiveUnitPrice: segments', () => {
  const outsideSale = '2026-04-01T00:00:00.000Z';

  it('uses the list of a segment the customer belongs to, never another', () => {
    expect(price(outsideSale, ['vip'])).toMatchObject({ effective: eur(8_000), source: 'segment:vip' });
    expect(price(outsideSale, ['newsletter']).source).toBe('base');
  });

  it('lets the highest-priority list decide even when a lower-priority list is cheaper', () => {
    expect(price(outsideSale, ['vip', 'wholesale'])).toMatchObject({
      effective: eur(9_000),
      source: 'segment:wholesale',
    });
  });

  it('skips a higher-priority list that does not price the SKU', () => {
    const priceBook = book({
      segmentLists: [
        ...book().segmentLists,
        { segment: 'staff', priority: 99, prices: [{ sku: 'OTHER', price: eur(1) }] },
      ],
    });
    expect(price(outsideSale, ['vip', 'staff'], 'EUR', priceBook).source).toBe('segment:vip');
  });

  it('takes the lowest price among lists of equal priority', () => {
    const priceBook = book({
      segmentLists: [
        { segment: 'b2b', priority: 5, prices: [{ sku: 'SHIRT-M', price: eur(9_100) }] },
        { segment: 'alumni', priority: 5, prices: [{ sku: 'SHIRT-M', price: eur(9_200) }] },
      ],
    });
    expect(price(outsideSale, ['alumni', 'b2b'], 'EUR', priceBook).source).toBe('segment:b2b');
  });

  it('gives the customer the sale when it beats the segment price, and the segment price otherwise', () => {
    expect(price(saleStart, ['wholesale'])).toMatchObject({ effective: eur(8_500), source: 'sale' });
    expect(price(saleStart, ['vip'])).toMatchObject({ effective: eur(8_000), source: 'segment:vip' });
  });

  it('never prices from a list in another currency', () => {
    expect(price(outsideSale, ['vip'], 'USD')).toMatchObject({
      effective: money(11_000, 'USD'),
      source: 'base',
    });
  });
});

describe('assertValidPriceBook', () => {
  it('accepts a valid book', () => {
    expect(() => assertValidPriceBook(book())).not.toThrow();
  });

  it('lists every broken rule with a pointer', () => {
    const broken: PriceBook = {
      basePrices: [
        { sku: 'A', price: { amount: 1.5, currency: 'EUR' } },
        { sku: 'A', price: { amount: 100, currency: 'EUR' } },
        { sku: 'B', price: { amount: 100, currency: 'EURO' } },
      ],
      salePrices: [
        { sku: 'A', price: eur(1), validFrom: saleEnd, validUntil: saleStart },
        { sku: 'A', price: eur(1), validFrom: 'soon' },
      ],
      segmentLists: [{ segment: 'vip', priority: 1.5, prices: [] }],
    };
    try {
      assertValidPriceBook(broken);
      expect.unreachable('expected a ValidationError');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      expect(error.errors.map((e) => e.pointer)).toEqual([
        '/basePrices/0/price/amount',
        '/basePrices/1',
        '/basePrices/2/price/currency',
        '/salePrices/0/validUntil',
        '/salePrices/1/validFrom',
        '/segmentLists/0/priority',
      ]);
    }
  });
});
