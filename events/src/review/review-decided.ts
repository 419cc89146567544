// review.published and review.rejected: a review became visible to shoppers, or was turned down (or taken
// down) by staff with a reason code. They carry no author: what a shopper wrote stays with the review service.
import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';

/** Why staff reject (or take down) a review. What it rates is never one. */
export const REVIEW_REJECTION_REASONS = [
  'off-topic',
  'offensive',
  'personal-data',
  'spam',
  'conflict-of-interest',
  'duplicate',
  'illegal',
] as const;

const review = {
  reviewId: z.string().check(z.minLength(1)),
  productId: z.string().check(z.minLength(1)),
  rating: z.number().check(z.int(), z.gte(1), z.lte(5)),
  /** Written by a buyer whose order with the product was delivered. */
  verified: z.boolean(),
};

export const ReviewPublished = defineEvent({
  producer: 'review',
  detailType: 'review.published',
  version: 1,
  description: 'A review is shown to shoppers: the auto-publish rules let it through, or staff published it.',
  data: z.strictObject({ ...review, by: z.enum(['rules', 'staff']) }),
});

export const ReviewRejected = defineEvent({
  producer: 'review',
  detailType: 'review.rejected',
  version: 1,
  description:
    'Staff turned a review down, or took a published one down, with a reason code (never its rating); ' +
    '`wasPublished` says whether shoppers saw it before.',
  data: z.strictObject({
    ...review,
    reason: z.enum(REVIEW_REJECTION_REASONS),
    wasPublished: z.boolean(),
  }),
});
