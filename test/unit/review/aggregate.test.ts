// A product's rating aggregate: one review published (+1) or unpublished (−1) at a time, the histogram, the
// average to two decimals, the refusals (no such rating, nothing below zero), schema.org's AggregateRating,
// and, on random histories of publishes and unpublishes, that the running aggregate always equals a
// recomputation from the reviews published at that moment.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateRating,
  applyRating,
  average,
  EMPTY_AGGREGATE,
  recompute,
  type Aggregate,
} from '../../../functions/review/domain/aggregate.ts';

describe('applyRating', () => {
  it('adds one review: the count, the sum and its star in the histogram', () => {
    const one = applyRating(EMPTY_AGGREGATE, 4, 1);
    expect(one).toEqual({ count: 1, sum: 4, histogram: [0, 0, 0, 1, 0] });
    expect(applyRating(one, 1, 1)).toEqual({ count: 2, sum: 5, histogram: [1, 0, 0, 1, 0] });
  });

  it('removes one review again, back to where it was', () => {
    const two = recompute([5, 2]);
    expect(applyRating(two, 5, -1)).toEqual({ count: 1, sum: 2, histogram: [0, 1, 0, 0, 0] });
    expect(applyRating(applyRating(two, 5, -1), 2, -1)).toEqual(EMPTY_AGGREGATE);
  });

  it('leaves the aggregate it was given alone', () => {
    const before = recompute([3]);
    applyRating(before, 3, 1);
    expect(before).toEqual({ count: 1, sum: 3, histogram: [0, 0, 1, 0, 0] });
  });

  it('refuses a rating outside 1..5 or not a whole number', () => {
    for (const rating of [0, 6, -1, 4.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => applyRating(EMPTY_AGGREGATE, rating, 1)).toThrow(`Not a rating: ${rating}`);
      expect(() => applyRating(recompute([1, 2, 3, 4, 5]), rating, -1)).toThrow('Not a rating');
    }
  });

  it('refuses to go below zero: nothing to remove, or no review with that star', () => {
    expect(() => applyRating(EMPTY_AGGREGATE, 3, -1)).toThrow('An aggregate cannot go below zero');
    // One five-star review: removing a three-star one would leave −1 three-star reviews.
    expect(() => applyRating(recompute([5]), 3, -1)).toThrow('An aggregate cannot go below zero');
  });
});

describe('recompute', () => {
  it('counts each star from scratch', () => {
    expect(recompute([])).toEqual(EMPTY_AGGREGATE);
    expect(recompute([5, 4, 4, 1, 5, 5])).toEqual({ count: 6, sum: 24, histogram: [1, 0, 0, 2, 3] });
  });
});

describe('average', () => {
  it('is the mean to two decimals', () => {
    expect(average(recompute([5, 4, 4]))).toBe(4.33);
    expect(average(recompute([5, 5, 4]))).toBe(4.67);
    expect(average(recompute([1, 2]))).toBe(1.5);
    expect(average(recompute([5]))).toBe(5);
  });

  it('is 0 with no reviews', () => {
    expect(average(EMPTY_AGGREGATE)).toBe(0);
  });

  it('rounds half up on the exact mean, not on its floating-point approximation', () => {
    // 201 stars over 200 reviews is exactly 1.005, so 1.01; 201 / 200 * 100 in floating point is
    // 100.49999999999999, which Math.round takes down to 1.
    const aggregate: Aggregate = { count: 200, sum: 201, histogram: [199, 1, 0, 0, 0] };
    expect(average(aggregate)).toBe(1.01);
  });
});

describe('aggregateRating', () => {
  it('is schema.org’s AggregateRating', () => {
    expect(aggregateRating(recompute([5, 4, 4]))).toEqual({
      '@type': 'AggregateRating',
      ratingValue: 4.33,
      reviewCount: 3,
      bestRating: 5,
      worstRating: 1,
    });
  });

  it('is absent without reviews', () => {
    expect(aggregateRating(EMPTY_AGGREGATE)).toBeUndefined();
    expect(aggregateRating(applyRating(recompute([2]), 2, -1))).toBeUndefined();
  });
});

/** Reviews with their ratings, and a history of toggles: each publishes an unpublished one or unpublishes a published one. */
const history = fc
  .array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 12 })
  .chain((ratings) =>
    fc.tuple(fc.constant(ratings), fc.array(fc.nat({ max: ratings.length - 1 }), { maxLength: 60 })),
  );

describe('the aggregate, for any history of publishes and unpublishes', () => {
  it('equals a recomputation from the reviews published at every step', () => {
    fc.assert(
      fc.property(history, ([ratings, toggles]) => {
        const published = new Set<number>();
        let aggregate = EMPTY_AGGREGATE;
        for (const id of toggles) {
          const delta = published.has(id) ? -1 : 1;
          if (delta === 1) published.add(id);
          else published.delete(id);
          aggregate = applyRating(aggregate, ratings[id]!, delta);
          expect(aggregate).toEqual(recompute([...published].map((i) => ratings[i]!)));
        }
        expect(aggregate.histogram.reduce((a, b) => a + b, 0)).toBe(aggregate.count);
        expect(aggregate.count).toBe(published.size);
      }),
    );
  });

  it('does not depend on the order the reviews were published in', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 1, max: 5 }), { maxLength: 20 })
          .chain((ratings) =>
            fc.tuple(fc.constant(ratings), fc.shuffledSubarray(ratings, { minLength: ratings.length })),
          ),
        ([ratings, shuffled]) => {
          expect(recompute(shuffled)).toEqual(recompute(ratings));
        },
      ),
    );
  });

  it('keeps the average between the lowest and highest rating published', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 50 }), (ratings) => {
        const value = average(recompute(ratings));
        expect(value).toBeGreaterThanOrEqual(Math.min(...ratings));
        expect(value).toBeLessThanOrEqual(Math.max(...ratings));
        expect(Math.round(value * 100) / 100).toBe(value);
      }),
    );
  });
});
