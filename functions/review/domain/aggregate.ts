// A product's rating aggregate: how many published reviews it has, their sum and the count per star. It is
// kept by adding and removing one review at a time in the same transaction as the review's status change,
// so it always equals a recomputation from the published reviews (test/unit/review proves it on random
// histories; the e2e test under 50 concurrent publishes).

export interface Aggregate {
  readonly count: number;
  readonly sum: number;
  /** Reviews with 1, 2, 3, 4 and 5 stars. */
  readonly histogram: readonly [number, number, number, number, number];
}

export const EMPTY_AGGREGATE: Aggregate = { count: 0, sum: 0, histogram: [0, 0, 0, 0, 0] };

/** The aggregate with one review of `rating` published (+1) or unpublished (-1). */
export function applyRating(aggregate: Aggregate, rating: number, delta: 1 | -1): Aggregate {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new Error(`Not a rating: ${rating}`);
  const histogram = aggregate.histogram.map((n, i) => (i === rating - 1 ? n + delta : n)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const next = { count: aggregate.count + delta, sum: aggregate.sum + delta * rating, histogram };
  if (next.count < 0 || histogram[rating - 1]! < 0) throw new Error('An aggregate cannot go below zero');
  return next;
}

/** The aggregate of a set of ratings, from scratch. */
export function recompute(ratings: readonly number[]): Aggregate {
  return ratings.reduce<Aggregate>((a, r) => applyRating(a, r, 1), EMPTY_AGGREGATE);
}

/** The average to two decimals (0 with no reviews). */
export function average(aggregate: Aggregate): number {
  // Hundredths from whole numbers: sum × 100 / count is exact at the halves that decide the rounding.
  return aggregate.count === 0 ? 0 : Math.round((aggregate.sum * 100) / aggregate.count) / 100;
}

/** schema.org's AggregateRating for a product page's structured data (absent without reviews). */
export function aggregateRating(aggregate: Aggregate):
  | {
      readonly '@type': 'AggregateRating';
      readonly ratingValue: number;
      readonly reviewCount: number;
      readonly bestRating: 5;
      readonly worstRating: 1;
    }
  | undefined {
  if (aggregate.count === 0) return undefined;
  return {
    '@type': 'AggregateRating',
    ratingValue: average(aggregate),
    reviewCount: aggregate.count,
    bestRating: 5,
    worstRating: 1,
  };
}
