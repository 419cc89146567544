import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';

const count = z.number().check(z.int(), z.nonnegative());

export const ReviewAggregated = defineEvent({
  producer: 'review',
  detailType: 'review.aggregated',
  version: 1,
  description: "A product's rating aggregate changed after a review was approved or removed.",
  data: z.strictObject({
    productId: z.string().check(z.minLength(1)),
    reviewCount: z.number().check(z.int(), z.nonnegative()),
    ratingAverage: z.number().check(z.gte(0), z.lte(5)),
    /** Published reviews with 1, 2, 3, 4 and 5 stars (absent from events before the review service). */
    histogram: z.optional(z.tuple([count, count, count, count, count])),
    /** Rises with every change of the product's aggregate: a consumer keeps the highest it has seen. */
    aggregateVersion: z.optional(z.number().check(z.int(), z.positive())),
  }),
});
