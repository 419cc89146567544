// Internal `commit`: the order's payment succeeded, its held units are sold. { orderId, correlationId? } →
// { reservation }, or { error } (404 no reservation, 422 illegal-transition when released or expired).
import { inventory } from '../runtime.ts';
import { commitInput } from '../schemas.ts';
import { internalFunction } from './internal-function.ts';

export const handler = internalFunction({
  name: 'Commit',
  input: commitInput,
  handler: async (input, { correlationId }) => ({
    reservation: await inventory.commit(input.orderId, { correlationId }),
  }),
});
