import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, minorToDecimal } from '../../../functions/notification/templates/money-format.ts';

const NBSP = '\u00a0';

describe('formatMoney', () => {
  it('writes EUR the German way, with a no-break space before the sign', () => {
    expect(formatMoney({ amount: 1234, currency: 'EUR' }, 'de')).toBe(`12,34${NBSP}€`);
    expect(formatMoney({ amount: 123_456_789, currency: 'EUR' }, 'de')).toBe(`1.234.567,89${NBSP}€`);
  });

  it('writes USD the English way', () => {
    expect(formatMoney({ amount: 1234, currency: 'USD' }, 'en')).toBe('$12.34');
    expect(formatMoney({ amount: 5, currency: 'USD' }, 'en-US')).toBe('$0.05');
  });

  it('respects the minor digits of the currency: JPY has none, KWD has three', () => {
    expect(formatMoney({ amount: 1234, currency: 'JPY' }, 'en')).toBe('¥1,234');
    expect(formatMoney({ amount: 1234, currency: 'JPY' }, 'de')).toBe(`1.234${NBSP}¥`);
    expect(formatMoney({ amount: 1234, currency: 'KWD' }, 'en')).toBe(`KWD${NBSP}1.234`);
  });

  it('stays exact for amounts a float would round', () => {
    expect(formatMoney({ amount: Number.MAX_SAFE_INTEGER, currency: 'USD' }, 'en')).toBe(
      '$90,071,992,547,409.91',
    );
  });

  it('refuses fractions of a minor unit and malformed currency codes', () => {
    expect(() => formatMoney({ amount: 12.5, currency: 'EUR' }, 'de')).toThrow(RangeError);
    expect(() => formatMoney({ amount: 1, currency: 'eur' }, 'de')).toThrow(RangeError);
  });
});

describe('minorToDecimal', () => {
  it('places the decimal point by the digits and pads small amounts', () => {
    expect([
      minorToDecimal(1234, 2),
      minorToDecimal(5, 2),
      minorToDecimal(7, 3),
      minorToDecimal(42, 0),
    ]).toEqual(['12.34', '0.05', '0.007', '42']);
    expect(minorToDecimal(-1234, 2)).toBe('-12.34');
  });

  it('is exact: the decimal string read back as minor units is the amount', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 3 }), (amount, digits) => {
        const decimal = minorToDecimal(amount, digits);
        expect(BigInt(decimal.replace('.', ''))).toBe(BigInt(amount));
        expect(decimal.includes('.') ? decimal.split('.')[1]!.length : 0).toBe(digits);
      }),
    );
  });
});
