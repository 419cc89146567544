// Internal `capture`: takes { paymentId, amount?, correlationId? } of an authorized payment (all that is
// authorized when amount is omitted) → { payment, pending? }, or { error } (404, 422 illegal-transition or
// capture-amount-invalid, 503). Capturing again answers the stored capture.
import { payments } from '../runtime.ts';
import { captureInput } from '../schemas.ts';
import { internalFunction } from '@commerce/lambda-kit/internal';

export const handler = internalFunction({
  name: 'Capture',
  input: captureInput,
  handler: async (input, { correlationId }) => payments.capture(input, { correlationId }),
});
