// Internal `void` (contract: paymentVoid in @commerce/contracts): releases an authorization that was not
// captured. { paymentId, correlationId? } → { payment }, or { error } (404, 422 illegal-transition, 503).
// Voiding again answers the voided payment.
import { paymentVoid } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { payments } from '../runtime.ts';

export const handler = internalFunction(paymentVoid, async (input, { correlationId }) =>
  payments.void(input, { correlationId }),
);
