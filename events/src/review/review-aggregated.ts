import * as z from 'zod';
import { defineEvent } from '../envelope.ts';

export const ReviewAggregated = defineEvent({
  producer: 'review',
  detailType: 'review.aggregated',
  version: 1,
  description: "A product's rating aggregate changed after a review was approved or removed.",
  data: z
    .object({
      productId: z.string().min(1),
      reviewCount: z.number().int().nonnegative(),
      ratingAverage: z.number().min(0).max(5),
    })
    .strict(),
});
