// Internal `refund`: gives back part or all of what was captured. { paymentId, amount, refundId,
// correlationId? } → { payment, pending? }, or { error } (404, 409 refund-id-reused, 422
// refund-exceeds-captured or illegal-transition, 503). Idempotent per refund id.
import { payments } from '../runtime.ts';
import { refundInput } from '../schemas.ts';
import { internalFunction } from '@commerce/lambda-kit/internal';

export const handler = internalFunction({
  name: 'Refund',
  input: refundInput,
  handler: async (input, { correlationId }) => payments.refund(input, { correlationId }),
});
