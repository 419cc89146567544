// Internal `capture` (contract: paymentCapture in @commerce/contracts): takes { paymentId, amount?,
// correlationId? } of an authorized payment (all that is authorized when amount is omitted) → { payment,
// pending? }, or { error } (404, 422 illegal-transition or capture-amount-invalid, 503). Capturing again
// answers the stored capture.
import { paymentCapture } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { payments } from '../runtime.ts';

export const handler = internalFunction(paymentCapture, async (input, { correlationId }) =>
  payments.capture(input, { correlationId }),
);
