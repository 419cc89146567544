// Internal `commit` (contract: inventoryCommit in @commerce/contracts): the order's payment succeeded, its
// held units are sold. { orderId, correlationId? } → { reservation }, or { error } (404 no reservation, 422
// illegal-transition when released or expired).
import { inventoryCommit } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { inventory } from '../runtime.ts';
import { shortages } from './shortages.ts';

export const handler = internalFunction(
  inventoryCommit,
  async (input, { correlationId }) => ({
    reservation: await inventory.commit(input.orderId, { correlationId }),
  }),
  { extensions: shortages },
);
