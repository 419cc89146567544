import { UnprocessableError } from '@commerce/lambda-kit/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  allocate,
  divideRoundingHalfUp,
  minorUnitDigits,
  money,
  split,
  times,
} from '@commerce/lambda-kit/money';

describe('currencies', () => {
  it('knows the minor unit of two-, zero- and three-decimal currencies', () => {
    expect([
      minorUnitDigits('EUR'),
      minorUnitDigits('GBP'),
      minorUnitDigits('JPY'),
      minorUnitDigits('KWD'),
    ]).toEqual([2, 2, 0, 3]);
  });

  it('refuses a currency it does not support, including names of object properties', () => {
    expect(() => minorUnitDigits('XXX')).toThrow(UnprocessableError);
    expect(() => minorUnitDigits('constructor')).toThrow('Currency "constructor" is not supported.');
  });
});

describe('money arithmetic', () => {
  it('adds and multiplies in minor units', () => {
    expect(add(money(1999, 'EUR'), money(1, 'EUR'))).toEqual({ amount: 2000, currency: 'EUR' });
    expect(times(money(333, 'USD'), 3)).toEqual({ amount: 999, currency: 'USD' });
  });

  it('refuses fractions of a minor unit, negative amounts and mixed currencies', () => {
    expect(() => money(10.5, 'EUR')).toThrow(RangeError);
    expect(() => money(-1, 'EUR')).toThrow(RangeError);
    expect(() => add(money(1, 'EUR'), money(1, 'USD'))).toThrow(
      expect.objectContaining({ problemType: 'currency-mismatch' }),
    );
  });

  it('refuses a result that would no longer be exact', () => {
    expect(() => times(money(Number.MAX_SAFE_INTEGER, 'EUR'), 2)).toThrow(
      expect.objectContaining({ problemType: 'amount-out-of-range' }),
    );
  });
});

describe('divideRoundingHalfUp', () => {
  it('rounds to the nearest integer and an exact half up', () => {
    expect([7n, 8n, 9n, 10n, 11n].map((n) => divideRoundingHalfUp(n, 4n))).toEqual([2n, 2n, 2n, 3n, 3n]);
    // Half to even would give 2 here; the rule in money.ts is half up.
    expect(divideRoundingHalfUp(5n, 2n)).toBe(3n);
  });

  it('is at most half a unit from the exact quotient, and a half away only when rounding up', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (n, d) => {
          const q = divideRoundingHalfUp(n, d);
          const error = 2n * (n - q * d); // 2 × (exact − rounded), in units of 1/d
          expect(error >= -d && error < d).toBe(true);
        },
      ),
    );
  });
});

describe('allocate', () => {
  it('gives leftover units to the largest remainders, the earlier part on a tie', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(10, [3, 7])).toEqual([3, 7]);
    expect(allocate(5, [1, 2, 2])).toEqual([1, 2, 2]);
    expect(allocate(7, [1, 2, 2])).toEqual([1, 3, 3]);
  });

  it('gives nothing to a part of weight zero and allocates zero without weights', () => {
    expect(allocate(5, [0, 3, 0, 1])).toEqual([0, 4, 0, 1]);
    expect(allocate(0, [0, 0])).toEqual([0, 0]);
    expect(() => allocate(1, [0, 0])).toThrow(RangeError);
  });

  it('always sums to the total with every part within one unit of its exact share', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 10_000_000 }),
        fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 20 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = allocate(total, weights);
          const weightSum = BigInt(weights.reduce((s, w) => s + w, 0));
          expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
          parts.forEach((part, i) => {
            const exact = BigInt(total) * BigInt(weights[i]!); // share × weightSum
            expect(BigInt(part) * weightSum <= exact + weightSum - 1n).toBe(true); // part ≤ ceil(share)
            expect(BigInt(part) * weightSum >= exact - weightSum + 1n).toBe(true); // part ≥ floor(share)
            if (weights[i] === 0) expect(part).toBe(0);
          });
        },
      ),
    );
  });
});

describe('split', () => {
  it('splits a cent three ways as 34/33/33', () => {
    expect(split(100, 3)).toEqual([34, 33, 33]);
    expect(split(2, 4)).toEqual([1, 1, 0, 0]);
  });

  it('gives parts that sum to the whole and differ by at most one', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: 50 }),
        (total, count) => {
          const parts = split(total, count);
          expect(parts).toHaveLength(count);
          expect(parts.reduce((s, p) => s + BigInt(p), 0n)).toBe(BigInt(total));
          expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
