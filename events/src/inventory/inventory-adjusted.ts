import * as z from 'zod';
import { defineEvent } from '../envelope.ts';
import { adjustmentReasonSchema } from './shared.ts';

export const InventoryAdjusted = defineEvent({
  producer: 'inventory',
  detailType: 'inventory.adjusted',
  version: 1,
  description:
    'Staff (or an integration) adjusted the on-hand units of a SKU in one warehouse: goods received, returned, ' +
    'damaged, lost, transferred or counted. Carries the ledger entry and the level after the change.',
  data: z
    .object({
      sku: z.string().min(1),
      warehouseId: z.string().min(1),
      /** Signed change of on-hand units. */
      delta: z.number().int(),
      reason: adjustmentReasonSchema,
      note: z.string().optional(),
      /** Who: a staff user's sub, or the integration that reported it. */
      actor: z.string().min(1),
      at: z.iso.datetime(),
      onHand: z.number().int().nonnegative(),
      reserved: z.number().int().nonnegative(),
      available: z.number().int().nonnegative(),
    })
    .strict(),
});
