// Internal `release`: the order was cancelled or its payment failed, its units go back.
// { orderId, reason: order_cancelled | payment_failed, correlationId? } → { reservation }, or { error }
// (404 no reservation, 422 illegal-transition for a failed payment of a committed order).
import { inventory } from '../runtime.ts';
import { releaseInput } from '../schemas.ts';
import { internalFunction } from './internal-function.ts';

export const handler = internalFunction({
  name: 'Release',
  input: releaseInput,
  handler: async (input, { correlationId }) => ({
    reservation: await inventory.release(input.orderId, input.reason, { correlationId }),
  }),
});
