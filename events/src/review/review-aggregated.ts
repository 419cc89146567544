import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';

export const ReviewAggregated = defineEvent({
  producer: 'review',
  detailType: 'review.aggregated',
  version: 1,
  description: "A product's rating aggregate changed after a review was approved or removed.",
  data: z.strictObject({
    productId: z.string().check(z.minLength(1)),
    reviewCount: z.number().check(z.int(), z.nonnegative()),
    ratingAverage: z.number().check(z.gte(0), z.lte(5)),
  }),
});
