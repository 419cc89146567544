// Internal `extend` (contract: inventoryExtend in @commerce/contracts): the order's payment is authorized, its
// held units stay held until the capture. { orderId, correlationId? } → { reservation }, or { error } (404 no
// reservation, 422 illegal-transition when released or expired).
import { inventoryExtend } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { inventory } from '../runtime.ts';

export const handler = internalFunction(inventoryExtend, async (input, { correlationId }) => ({
  reservation: await inventory.extend(input.orderId, { correlationId }),
}));
