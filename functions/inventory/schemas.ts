// The inventory's input schemas: HTTP paths, queries and bodies, and the expiry sweep's payload (unknown
// fields rejected everywhere). The internal functions other services call validate their contracts'
// requests (@commerce/contracts).
import { adjustmentReasonSchema } from '@commerce/events';
import { defineInternal } from '@commerce/contracts';
import { text } from '@commerce/lambda-kit/contract';
import * as z from 'zod/mini';

export const skuSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'Must be 1-64 letters, digits, ".", "-" or "_".'));
export const warehouseIdSchema = z
  .string()
  .check(
    z.regex(
      /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/,
      'Lower-case letters and digits joined by hyphens, at most 40.',
    ),
  );

export const MAX_AVAILABILITY_SKUS = 50;

export const warehouseIdParams = z.strictObject({ id: warehouseIdSchema });
export const skuParams = z.strictObject({ sku: skuSchema });

export const putWarehouseBody = z.strictObject({
  name: text(100),
  country: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code such as DE.'))),
  version: z
    .optional(z.number().check(z.int(), z.positive()))
    .check(z.describe('The version read; omit to create.')),
});

export const adjustmentBody = z.strictObject({
  warehouseId: warehouseIdSchema,
  delta: z.number().check(
    z.int(),
    z.gte(-1_000_000),
    z.lte(1_000_000),
    z.refine((n) => n !== 0, 'Must not be zero.'),
    z.meta({ not: { const: 0 } }),
    z.describe(
      'Signed change of on-hand units; positive for received, return, transfer_in, negative for sold, damaged, lost, transfer_out, either for correction.',
    ),
  ),
  reason: adjustmentReasonSchema,
  note: z.optional(text(500)),
});

export const stockQuery = z.strictObject({
  ledgerLimit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
});

const SKU_LIST = new RegExp(`^[A-Za-z0-9._-]{1,64}(,[A-Za-z0-9._-]{1,64}){0,${MAX_AVAILABILITY_SKUS - 1}}$`);

export const availabilityQuery = z.strictObject({
  skus: z.pipe(
    z
      .string()
      .check(
        z.regex(SKU_LIST, `Comma-separated SKUs, at most ${MAX_AVAILABILITY_SKUS}.`),
        z.describe(`Comma-separated SKUs (no spaces), at most ${MAX_AVAILABILITY_SKUS}; repeats count once.`),
      ),
    z.transform((s) => [...new Set(s.split(','))]),
  ),
});

// The scheduled expiry sweep (functions/inventory/internal/expire-reservations.ts).

export const correlationId = z
  .optional(z.string().check(z.regex(/^[A-Za-z0-9._:-]{1,128}$/)))
  .check(z.describe("The caller's correlation id, carried into the events."));

/** The expiry sweep, run on a schedule; no other service calls it, so its contract lives here. */
export const expireReservations = defineInternal({
  service: 'inventory',
  name: 'expireReservations',
  description: 'the expiry sweep: expires held reservations whose hold has ended',
  request: z.looseObject({
    limit: z.optional(z.number().check(z.int(), z.gte(1), z.lte(5000))),
    correlationId,
  }),
  reply: z.object({ expired: z.array(z.string()), failed: z.number().check(z.int(), z.gte(0)) }),
});
