// Internal `release` (contract: promotionsRelease in @commerce/contracts): gives back what an order reserved
// when checkout gives up before placing it. Idempotent: a released redemption is not released twice.
import { promotionsRelease } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { promotions } from '../runtime.ts';

export const handler = internalFunction(promotionsRelease, async (input, { correlationId }) => ({
  released: await promotions.releaseOrder(input.orderId, 'checkout_failed', { correlationId }),
}));
