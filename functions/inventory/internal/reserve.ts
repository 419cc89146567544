// Internal `reserve` (contract: inventoryReserve in @commerce/contracts): holds stock for every line of an
// order or for none. Invoked by orders at checkout with { orderId, lines: [{ sku, quantity }],
// holdForSeconds?, correlationId? }; answers { reservation, created }, or { error } (409 insufficient-stock
// with `shortages`). Idempotent per order id.
import { inventoryReserve } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { inventory } from '../runtime.ts';
import { shortages } from './shortages.ts';

export const handler = internalFunction(
  inventoryReserve,
  async (input, { correlationId }) =>
    inventory.reserve(
      input.orderId,
      input.lines,
      input.holdForSeconds === undefined ? undefined : input.holdForSeconds * 1000,
      { correlationId },
    ),
  { extensions: shortages },
);
