// review.submitted and review.erased: which photos a review holds, at which version of the review, so the
// media service keeps them while the review exists and deletes them once its author is erased. They carry
// media ids, never the author.
import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';

const reviewRef = {
  reviewId: z.string().check(z.minLength(1)),
  productId: z.string().check(z.minLength(1)),
  /** Rises with every change of the review: a consumer keeps the highest it has seen. */
  version: z.number().check(z.int(), z.positive()),
};

export const ReviewSubmitted = defineEvent({
  producer: 'review',
  detailType: 'review.submitted',
  version: 1,
  description:
    'A verified buyer wrote a review (published at once or waiting for staff); `photos` are the media ids it shows.',
  data: z.strictObject({
    ...reviewRef,
    rating: z.number().check(z.int(), z.gte(1), z.lte(5)),
    status: z.enum(['pending', 'published']),
    photos: z.array(z.string().check(z.minLength(1))),
  }),
});

export const ReviewErased = defineEvent({
  producer: 'review',
  detailType: 'review.erased',
  version: 1,
  description:
    'The author of a review deleted their account: the review lost its author and photos; its rating and text stay.',
  data: z.strictObject(reviewRef),
});
