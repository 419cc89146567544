// Internal `void`: releases an authorization that was not captured. { paymentId, correlationId? } →
// { payment }, or { error } (404, 422 illegal-transition, 503). Voiding again answers the voided payment.
import { payments } from '../runtime.ts';
import { voidInput } from '../schemas.ts';
import { internalFunction } from '@commerce/lambda-kit/internal';

export const handler = internalFunction({
  name: 'Void',
  input: voidInput,
  handler: async (input, { correlationId }) => payments.void(input, { correlationId }),
});
