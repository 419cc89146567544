// The inventory's input schemas: HTTP paths, queries and bodies, and the expiry sweep's payload (unknown
// fields rejected everywhere). The internal functions other services call validate their contracts'
// requests (@commerce/contracts).
import { adjustmentReasonSchema } from '@commerce/events';
import { defineInternal } from '@commerce/contracts';
import * as z from 'zod';

export const skuSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'Must be 1-64 letters, digits, ".", "-" or "_".');
export const warehouseIdSchema = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/,
    'Lower-case letters and digits joined by hyphens, at most 40.',
  );

export const MAX_AVAILABILITY_SKUS = 50;

export const warehouseIdParams = z.object({ id: warehouseIdSchema }).strict();
export const skuParams = z.object({ sku: skuSchema }).strict();

export const putWarehouseBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code such as DE.')
      .optional(),
    version: z.number().int().positive().optional().describe('The version read; omit to create.'),
  })
  .strict();

export const adjustmentBody = z
  .object({
    warehouseId: warehouseIdSchema,
    delta: z
      .number()
      .int()
      .min(-1_000_000)
      .max(1_000_000)
      .refine((n) => n !== 0, 'Must not be zero.')
      .describe(
        'Signed change of on-hand units; positive for received, return, transfer_in, negative for sold, damaged, lost, transfer_out, either for correction.',
      ),
    reason: adjustmentReasonSchema,
    note: z.string().trim().min(1).max(500).optional(),
  })
  .strict();

export const stockQuery = z
  .object({ ledgerLimit: z.coerce.number().int().min(0).max(100).default(20) })
  .strict();

export const availabilityQuery = z
  .object({
    skus: z
      .string()
      .transform((s) => [
        ...new Set(
          s
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(skuSchema).min(1).max(MAX_AVAILABILITY_SKUS))
      .describe(`Comma-separated SKUs, at most ${MAX_AVAILABILITY_SKUS}.`),
  })
  .strict();

// The scheduled expiry sweep (functions/inventory/internal/expire-reservations.ts).

export const correlationId = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,128}$/)
  .optional()
  .describe("The caller's correlation id, carried into the events.");

/** The expiry sweep, run on a schedule; no other service calls it, so its contract lives here. */
export const expireReservations = defineInternal({
  service: 'inventory',
  name: 'expireReservations',
  description: 'the expiry sweep: expires held reservations whose hold has ended',
  request: z.looseObject({ limit: z.number().int().min(1).max(5000).optional(), correlationId }),
  reply: z.object({ expired: z.array(z.string()), failed: z.number().int().min(0) }),
});
