// Internal `refund` (contract: paymentRefund in @commerce/contracts): gives back part or all of what was
// captured. { paymentId, amount, refundId, correlationId? } → { payment, pending? }, or { error } (404, 409
// refund-id-reused, 422 refund-exceeds-captured or illegal-transition, 503). Idempotent per refund id.
import { paymentRefund } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { payments } from '../runtime.ts';

export const handler = internalFunction(paymentRefund, async (input, { correlationId }) =>
  payments.refund(input, { correlationId }),
);
