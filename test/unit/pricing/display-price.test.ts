import { UnprocessableError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import { displayPrices } from '../../../functions/pricing/domain/display-price.ts';
import { priceBookOf, productSkusOf, type SkuPrices } from '../../../functions/pricing/domain/records.ts';
import type { TaxTable } from '../../../functions/pricing/domain/tax.ts';

const at = new Date('2026-06-15T00:00:00.000Z');
const prices = (sku: string, p: SkuPrices['prices']): SkuPrices => ({
  sku,
  prices: p,
  version: 1,
  updatedAt: '2026-06-01T00:00:00.000Z',
});

const book = priceBookOf(
  [
    prices('TEE-S', {
      EUR: {
        amount: 2_999,
        sales: [
          { amount: 2_499, validFrom: '2026-06-01T00:00:00.000Z', validUntil: '2026-07-01T00:00:00.000Z' },
          { amount: 999, validFrom: '2026-01-01T00:00:00.000Z', validUntil: '2026-02-01T00:00:00.000Z' },
        ],
      },
      USD: { amount: 3_200, sales: [] },
    }),
    prices('TEE-M', { EUR: { amount: 3_999, sales: [] }, USD: { amount: 4_300, sales: [] } }),
  ],
  [
    {
      segment: 'vip',
      priority: 1,
      entries: [{ sku: 'TEE-M', currency: 'EUR', amount: 100 }],
      version: 1,
      updatedAt: '2026-06-01T00:00:00.000Z',
    },
  ],
);

const taxes: TaxTable = {
  rules: [
    { country: 'DE', taxClass: 'standard', ratePpm: 190_000 },
    { country: 'DE', taxClass: 'reduced', ratePpm: 70_000 },
    { country: 'US', region: 'US-NY', taxClass: 'standard', ratePpm: 88_750 },
  ],
  modes: [
    { country: 'DE', mode: 'inclusive' },
    { country: 'US', mode: 'exclusive' },
  ],
};

const variants = [
  { sku: 'TEE-S', taxClass: 'standard' },
  { sku: 'TEE-M', taxClass: 'standard' },
  { sku: 'TEE-L', taxClass: 'standard' },
];

describe('displayPrices', () => {
  it('shows German prices with the VAT they contain, the active sale and never a segment price', () => {
    const result = displayPrices(book, taxes, {
      currency: 'EUR',
      destination: { country: 'DE' },
      variants,
      at,
    });
    expect(result).toEqual({
      taxMode: 'inclusive',
      items: [
        // 24.99 × 19/119 = 3.99 exactly; the expired sale (9.99) does not apply
        {
          sku: 'TEE-S',
          taxClass: 'standard',
          original: 2_999,
          effective: 2_499,
          source: 'sale',
          taxRatePpm: 190_000,
          tax: 399,
          total: 2_499,
        },
        // 39.99 × 19/119 = 6.3849… → 6.38
        {
          sku: 'TEE-M',
          taxClass: 'standard',
          original: 3_999,
          effective: 3_999,
          source: 'base',
          taxRatePpm: 190_000,
          tax: 638,
          total: 3_999,
        },
      ],
      unpriced: ['TEE-L'],
    });
  });

  it('adds New York sales tax on top of net prices, rounded half up per unit', () => {
    const result = displayPrices(book, taxes, {
      currency: 'USD',
      destination: { country: 'US', region: 'US-NY' },
      variants,
      at,
    });
    expect(result.taxMode).toBe('exclusive');
    expect(result.items.map((i) => [i.sku, i.effective, i.tax, i.total])).toEqual([
      ['TEE-S', 3_200, 284, 3_484], // 284.00
      ['TEE-M', 4_300, 382, 4_682], // 381.625 → 382
    ]);
  });

  it('uses the rate of the variant tax class', () => {
    const result = displayPrices(book, taxes, {
      currency: 'EUR',
      destination: { country: 'DE' },
      variants: [{ sku: 'TEE-M', taxClass: 'reduced' }],
      at,
    });
    expect(result.items[0]).toMatchObject({ taxRatePpm: 70_000, tax: 262 }); // 39.99 × 7/107 = 2.616…
  });

  it('refuses a destination without tax configuration instead of showing prices without tax', () => {
    expect(() =>
      displayPrices(book, taxes, { currency: 'EUR', destination: { country: 'FR' }, variants, at }),
    ).toThrow(UnprocessableError);
  });
});

describe('productSkusOf', () => {
  const product = {
    id: 'p1',
    status: 'published' as const,
    version: 3,
    attributes: {} as Record<string, string>,
    variants: [{ sku: 'TEE-S' }, { sku: 'TEE-M' }],
  };

  it("gives every variant the product's taxClass attribute, 'standard' when it has none", () => {
    expect(productSkusOf(product)).toEqual({
      productId: 'p1',
      status: 'published',
      productVersion: 3,
      variants: [
        { sku: 'TEE-S', taxClass: 'standard' },
        { sku: 'TEE-M', taxClass: 'standard' },
      ],
    });
    expect(productSkusOf({ ...product, attributes: { taxClass: 'reduced' } }).variants).toEqual([
      { sku: 'TEE-S', taxClass: 'reduced' },
      { sku: 'TEE-M', taxClass: 'reduced' },
    ]);
  });
});
