// Internal `release` (contract: inventoryRelease in @commerce/contracts): the order was cancelled or its
// payment failed, its units go back. { orderId, reason: order_cancelled | payment_failed, correlationId? } →
// { reservation }, or { error } (404 no reservation, 422 illegal-transition for a failed payment of a
// committed order).
import { inventoryRelease } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { inventory } from '../runtime.ts';
import { shortages } from './shortages.ts';

export const handler = internalFunction(
  inventoryRelease,
  async (input, { correlationId }) => ({
    reservation: await inventory.release(input.orderId, input.reason, { correlationId }),
  }),
  { extensions: shortages },
);
