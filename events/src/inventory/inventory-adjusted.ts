import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { adjustmentReasonSchema } from './shared.ts';

export const InventoryAdjusted = defineEvent({
  producer: 'inventory',
  detailType: 'inventory.adjusted',
  version: 1,
  description:
    'Staff (or an integration) adjusted the on-hand units of a SKU in one warehouse: goods received, returned, ' +
    'damaged, lost, transferred or counted. Carries the ledger entry and the level after the change.',
  data: z.strictObject({
    sku: z.string().check(z.minLength(1)),
    warehouseId: z.string().check(z.minLength(1)),
    /** Signed change of on-hand units. */
    delta: z.number().check(z.int()),
    reason: adjustmentReasonSchema,
    note: z.optional(z.string()),
    /** Who: a staff user's sub, or the integration that reported it. */
    actor: z.string().check(z.minLength(1)),
    at: z.iso.datetime(),
    onHand: z.number().check(z.int(), z.nonnegative()),
    reserved: z.number().check(z.int(), z.nonnegative()),
    available: z.number().check(z.int(), z.nonnegative()),
  }),
});
