// Shapes shared by the inventory.* events: public availability classes, reservation lines, and the data of
// the three availability announcements.
import * as z from 'zod';

export const availabilitySchema = z.enum(['in_stock', 'low_stock', 'out_of_stock']);

/** Why on-hand stock changed outside checkout (the inventory service's adjustment reasons). */
export const adjustmentReasonSchema = z.enum([
  'received',
  'return',
  'transfer_in',
  'sold',
  'damaged',
  'lost',
  'transfer_out',
  'correction',
]);

export const reservationLineSchema = z
  .object({
    sku: z.string().min(1),
    quantity: z.number().int().positive(),
    /** The warehouse the line's units are held in (a line is never split between warehouses). */
    warehouseId: z.string().min(1),
  })
  .strict();

/** A SKU's availability over all warehouses changed class; `available` is the new total of units. */
export const availabilityChangeSchema = z
  .object({
    sku: z.string().min(1),
    availability: availabilitySchema,
    previousAvailability: availabilitySchema,
    available: z.number().int().nonnegative(),
    /** At or below this many available units a SKU is low on stock. */
    threshold: z.number().int().nonnegative(),
  })
  .strict();
