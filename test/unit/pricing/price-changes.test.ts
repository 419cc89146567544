import { describe, expect, it } from 'vitest';
import {
  priceListChanges,
  skuPriceChanges,
  taxTableChanges,
} from '../../../functions/pricing/domain/price-changes.ts';

const sale = (amount: number, validFrom: string, validUntil?: string) => ({
  amount,
  validFrom,
  ...(validUntil ? { validUntil } : {}),
});

describe('skuPriceChanges', () => {
  it('lists added, changed and removed currencies with their prices before and after, by currency', () => {
    const before = { EUR: { amount: 2_999, sales: [] }, GBP: { amount: 2_500, sales: [] } };
    const after = {
      USD: { amount: 3_200, sales: [] },
      EUR: { amount: 2_999, sales: [sale(2_499, '2026-06-01T00:00:00.000Z')] },
    };
    expect(skuPriceChanges(before, after)).toEqual([
      {
        currency: 'EUR',
        before: { amount: 2_999, sales: [] },
        after: { amount: 2_999, sales: [sale(2_499, '2026-06-01T00:00:00.000Z')] },
      },
      { currency: 'GBP', before: { amount: 2_500, sales: [] }, after: null },
      { currency: 'USD', before: null, after: { amount: 3_200, sales: [] } },
    ]);
  });

  it('sees no change when only the order of the sales differs', () => {
    const june = sale(2_499, '2026-06-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z');
    const july = sale(1_999, '2026-07-01T00:00:00.000Z');
    expect(
      skuPriceChanges(
        { EUR: { amount: 2_999, sales: [june, july] } },
        { EUR: { amount: 2_999, sales: [july, june] } },
      ),
    ).toEqual([]);
  });
});

describe('priceListChanges', () => {
  it('lists each changed entry by SKU and currency, null where absent', () => {
    const before = [
      { sku: 'A', currency: 'EUR', amount: 100 },
      { sku: 'B', currency: 'EUR', amount: 200 },
      { sku: 'C', currency: 'EUR', amount: 300 },
    ];
    const after = [
      { sku: 'C', currency: 'EUR', amount: 300 },
      { sku: 'A', currency: 'EUR', amount: 90 },
      { sku: 'A', currency: 'USD', amount: 120 },
    ];
    expect(priceListChanges(before, after)).toEqual([
      { sku: 'A', currency: 'EUR', before: 100, after: 90 },
      { sku: 'A', currency: 'USD', before: null, after: 120 },
      { sku: 'B', currency: 'EUR', before: 200, after: null },
    ]);
  });
});

describe('taxTableChanges', () => {
  it('lists changed rates and display modes per destination', () => {
    const before = {
      rules: [
        { country: 'DE', taxClass: 'standard', ratePpm: 160_000 },
        { country: 'US', region: 'US-NY', taxClass: 'standard', ratePpm: 88_750 },
      ],
      modes: [{ country: 'DE', mode: 'inclusive' as const }],
    };
    const after = {
      rules: [
        { country: 'DE', taxClass: 'standard', ratePpm: 190_000 },
        { country: 'US', region: 'US-NY', taxClass: 'standard', ratePpm: 88_750 },
        { country: 'DE', taxClass: 'reduced', ratePpm: 70_000 },
      ],
      modes: [
        { country: 'DE', mode: 'inclusive' as const },
        { country: 'US', mode: 'exclusive' as const },
      ],
    };
    expect(taxTableChanges(before, after)).toEqual({
      rules: [
        { country: 'DE', taxClass: 'reduced', before: null, after: 70_000 },
        { country: 'DE', taxClass: 'standard', before: 160_000, after: 190_000 },
      ],
      modes: [{ country: 'US', before: null, after: 'exclusive' }],
    });
    expect(taxTableChanges(after, after)).toEqual({ rules: [], modes: [] });
  });

  it('keeps the region of a changed regional rate', () => {
    const rule = (ratePpm: number) => ({ country: 'US', region: 'US-NY', taxClass: 'standard', ratePpm });
    expect(
      taxTableChanges({ rules: [rule(80_000)], modes: [] }, { rules: [rule(88_750)], modes: [] }),
    ).toEqual({
      rules: [{ country: 'US', region: 'US-NY', taxClass: 'standard', before: 80_000, after: 88_750 }],
      modes: [],
    });
  });
});
