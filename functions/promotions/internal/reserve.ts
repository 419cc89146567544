// Internal `reserve` (contract: promotionsReserve in @commerce/contracts): reserves every promotion an order
// uses within its limits, or none (409 promotion-limit-reached; 409 promotion-code-used when another order
// holds its single-use code). Invoked by checkout; idempotent per order.
import { promotionsReserve } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { promotions } from '../runtime.ts';

export const handler = internalFunction(promotionsReserve, async (input) => ({
  redemptions: await promotions.reserve(input.orderId, input.buyer, input.redemptions),
}));
