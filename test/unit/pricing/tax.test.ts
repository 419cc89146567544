import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RATE_SCALE,
  taxModeFor,
  taxOn,
  taxRateFor,
  type TaxTable,
} from '../../../functions/pricing/domain/tax.ts';

const table: TaxTable = {
  rules: [
    { country: 'DE', taxClass: 'standard', ratePpm: 190_000 },
    { country: 'DE', taxClass: 'reduced', ratePpm: 70_000 },
    { country: 'GB', taxClass: 'standard', ratePpm: 200_000 },
    { country: 'GB', taxClass: 'zero', ratePpm: 0 },
    { country: 'US', taxClass: 'standard', ratePpm: 0 },
    { country: 'US', region: 'US-NY', taxClass: 'standard', ratePpm: 88_750 },
  ],
  modes: [
    { country: 'DE', mode: 'inclusive' },
    { country: 'GB', mode: 'inclusive' },
    { country: 'US', mode: 'exclusive' },
    { country: 'US', region: 'US-XX', mode: 'inclusive' },
  ],
};

describe('taxOn', () => {
  it('extracts 19% German VAT from a gross shelf price', () => {
    expect(taxOn(11_900, 190_000, 'inclusive')).toBe(1_900);
    // €9.99 gross: 159.50… cents of VAT round to €1.60, leaving €8.39 net.
    expect(taxOn(999, 190_000, 'inclusive')).toBe(160);
  });

  it('extracts and adds 20% UK VAT', () => {
    expect(taxOn(1_200, 200_000, 'inclusive')).toBe(200);
    expect(taxOn(1_000, 200_000, 'exclusive')).toBe(200);
  });

  it('rounds an exact half up in both modes', () => {
    // 19% of €1.50 is 28.5 cents: half up gives 29 (half to even would give 28).
    expect(taxOn(150, 190_000, 'exclusive')).toBe(29);
    // 3p gross at 20% holds 0.5p of VAT.
    expect(taxOn(3, 200_000, 'inclusive')).toBe(1);
  });

  it('rounds to whole yen for a zero-decimal currency', () => {
    expect(taxOn(1_000, 100_000, 'inclusive')).toBe(91);
    expect(taxOn(1_080, 80_000, 'inclusive')).toBe(80);
    expect(taxOn(1_000, 100_000, 'exclusive')).toBe(100);
  });

  it('handles a rate basis points cannot express (New York City 8.875%)', () => {
    expect(taxOn(1_000, 88_750, 'exclusive')).toBe(89);
  });

  it('is within half a minor unit of the exact tax, never above gross, and grows with the amount', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1_000_000_000_000 }),
        fc.nat({ max: 2 * RATE_SCALE }),
        fc.constantFrom('inclusive' as const, 'exclusive' as const),
        (amount, ratePpm, mode) => {
          const tax = taxOn(amount, ratePpm, mode);
          const denominator = BigInt(mode === 'exclusive' ? RATE_SCALE : RATE_SCALE + ratePpm);
          const error = 2n * (BigInt(amount) * BigInt(ratePpm) - BigInt(tax) * denominator);
          expect(error >= -denominator && error < denominator).toBe(true);
          expect(Number.isSafeInteger(tax) && tax >= 0).toBe(true);
          if (mode === 'inclusive') expect(tax).toBeLessThanOrEqual(amount);
          expect(taxOn(amount + 1, ratePpm, mode)).toBeGreaterThanOrEqual(tax);
        },
      ),
    );
  });
});

describe('taxRateFor and taxModeFor', () => {
  it('prefers the rule of the region over the country-wide rule', () => {
    expect(taxRateFor(table, { country: 'US', region: 'US-NY' }, 'standard')).toBe(88_750);
    expect(taxRateFor(table, { country: 'US', region: 'US-OR' }, 'standard')).toBe(0);
    expect(taxRateFor(table, { country: 'US' }, 'standard')).toBe(0);
    expect(taxModeFor(table, { country: 'US', region: 'US-XX' })).toBe('inclusive');
    expect(taxModeFor(table, { country: 'US', region: 'US-NY' })).toBe('exclusive');
  });

  it('picks the rate of the tax class', () => {
    expect(taxRateFor(table, { country: 'DE' }, 'reduced')).toBe(70_000);
    expect(taxRateFor(table, { country: 'GB' }, 'zero')).toBe(0);
  });

  it('refuses a destination or class without a rule instead of charging no tax', () => {
    expect(() => taxRateFor(table, { country: 'FR' }, 'standard')).toThrow(
      expect.objectContaining({
        problemType: 'tax-not-configured',
        message: 'No tax rule for class "standard" is configured for FR.',
      }),
    );
    expect(() => taxRateFor(table, { country: 'GB' }, 'reduced')).toThrow(
      expect.objectContaining({ problemType: 'tax-not-configured' }),
    );
    expect(() => taxModeFor(table, { country: 'FR' })).toThrow(
      expect.objectContaining({ problemType: 'tax-not-configured' }),
    );
  });

  it('refuses two rules that apply equally', () => {
    const doubled = {
      ...table,
      rules: [...table.rules, { country: 'DE', taxClass: 'standard', ratePpm: 1 }],
    };
    expect(() => taxRateFor(doubled, { country: 'DE' }, 'standard')).toThrow(
      expect.objectContaining({ problemType: 'ambiguous-tax-rule' }),
    );
  });
});
