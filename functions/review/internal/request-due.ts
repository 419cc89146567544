// Internal `requestDue` (contract: reviewRequestDue in @commerce/contracts): EventBridge Scheduler invokes it
// some days after a delivery with `{ buyer, orderId }`; it publishes review.requested once, unless the buyer
// opted out or reviewed everything (requests.ts).
import { reviewRequestDue } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { requests } from '../runtime.ts';

export const handler = internalFunction(reviewRequestDue, async ({ buyer, orderId }, { correlationId }) => ({
  outcome: await requests.due(buyer, orderId, { correlationId }),
}));
