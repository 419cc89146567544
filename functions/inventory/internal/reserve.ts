// Internal `reserve`: holds stock for every line of an order or for none. Invoked by orders at checkout
// with { orderId, lines: [{ sku, quantity }], holdForSeconds?, correlationId? }; answers { reservation,
// created }, or { error } (409 insufficient-stock with `shortages`). Idempotent per order id.
import { inventory } from '../runtime.ts';
import { reserveInput } from '../schemas.ts';
import { internalFunction } from './internal-function.ts';

export const handler = internalFunction({
  name: 'Reserve',
  input: reserveInput,
  handler: async (input, { correlationId }) =>
    inventory.reserve(
      input.orderId,
      input.lines,
      input.holdForSeconds === undefined ? undefined : input.holdForSeconds * 1000,
      { correlationId },
    ),
});
