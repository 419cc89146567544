// Shapes shared by the inventory.* events: public availability classes, reservation lines, and the data of
// the three availability announcements.
import * as z from 'zod/mini';

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

export const reservationLineSchema = z.strictObject({
  sku: z.string().check(z.minLength(1)),
  quantity: z.number().check(z.int(), z.positive()),
  /** The warehouse the line's units are held in (a line is never split between warehouses). */
  warehouseId: z.string().check(z.minLength(1)),
});

/** A SKU's availability over all warehouses changed class; `available` is the new total of units. */
export const availabilityChangeSchema = z.strictObject({
  sku: z.string().check(z.minLength(1)),
  availability: availabilitySchema,
  previousAvailability: availabilitySchema,
  available: z.number().check(z.int(), z.nonnegative()),
  /** At or below this many available units a SKU is low on stock. */
  threshold: z.number().check(z.int(), z.nonnegative()),
});
