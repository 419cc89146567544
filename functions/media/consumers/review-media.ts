// Consumes review.submitted and review.erased: a review's photos are its attachments from the moment it is
// written (pending or published), so they are never swept while it exists; once its author is erased they are
// no longer shown and are deleted after the grace period. Older versions change nothing.
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { media } from '../runtime.ts';
import { mediaSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(mediaSubscriptions['review-media'], {
  'review.submitted': async (review) => {
    await media.referenceChanged(`review:${review.reviewId}`, review.version, review.photos);
  },
  'review.erased': async (review) => {
    await media.referenceChanged(`review:${review.reviewId}`, review.version, []);
  },
});
