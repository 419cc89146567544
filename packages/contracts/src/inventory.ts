// Inventory's internal functions over one order's reservation: `reserve` holds stock at checkout, `extend`
// keeps it held once the payment is authorized, `commit` sells it once paid, `release` gives it back. Each
// answers the reservation. And one read: `availability`, the class and units of some SKUs for a consumer
// that rebuilds its copy from the owner's data (search's reindex). docs/inventory.md has the rules.
// (The scheduled expiry sweep is an internal function too, but nobody else calls it: no contract.)
import { availabilitySchema, reservationLineSchema } from '@commerce/events';
import * as z from 'zod/mini';
import { correlationIdSchema, defineInternal, type InternalResult } from './define.ts';

/**
 * Lines per order: the most a cart holds and a reservation takes (orders' cart rules use it too). A
 * reservation step writes, per line, its level, its SKU's totals and at most one availability event, plus
 * the reservation and its own event, in one transaction: 3 × 30 + 2 = 92 of DynamoDB's 100 items
 * (test/unit/contracts/transaction-limits.test.ts holds it).
 */
export const MAX_ORDER_LINES = 30;

const sku = z
  .string()
  .check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'Must be 1-64 letters, digits, ".", "-" or "_".'));
const orderId = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Must be 1-64 letters, digits, "-" or "_".'));

/** The inventory's reservation of one order's units. */
const reservationSchema = z.object({
  /** The order's id: one reservation per order. */
  id: z.string(),
  /** One line per SKU, each held in one warehouse. */
  lines: z.readonly(z.array(reservationLineSchema)),
  status: z.enum(['held', 'committed', 'released', 'expired']),
  /** ISO 8601; a held reservation may be expired from then on. */
  expiresAt: z.iso.datetime(),
  releaseReason: z.optional(z.enum(['order_cancelled', 'payment_failed'])),
  version: z.number().check(z.int(), z.gte(1)),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

/** One SKU a reservation could not fill: a member of the 409 `insufficient-stock` refusal (`shortages`). */
export const shortageSchema = z.object({
  sku: z.string(),
  requested: z.number().check(z.int()),
  /** The most one warehouse could supply (lines are not split between warehouses). */
  available: z.number().check(z.int()),
});

// ---------------------------------------------------------------------------------------------------------
// reserve

export const reserveRequestSchema = z.strictObject({
  orderId,
  lines: z
    .array(z.strictObject({ sku, quantity: z.number().check(z.int(), z.gte(1), z.lte(10_000)) }))
    .check(z.minLength(1), z.maxLength(MAX_ORDER_LINES)),
  /** How long to hold the units; the default is the domain's (30 minutes). */
  holdForSeconds: z.optional(z.number().check(z.int(), z.gte(1), z.lte(24 * 60 * 60))),
  correlationId: correlationIdSchema,
});

export const reserveReplySchema = z.object({
  reservation: reservationSchema,
  /** False when the order already had a reservation (that one is answered, whatever its status). */
  created: z.boolean(),
});

/**
 * Holds stock for every line of an order or for none; idempotent per order id. Refusals: 400 malformed,
 * 409 insufficient-stock with `shortages` (see shortageSchema), 409 stock-busy.
 */
export const inventoryReserve = defineInternal({
  service: 'inventory',
  name: 'reserve',
  description: 'holds stock for all lines of an order or none (checkout)',
  request: reserveRequestSchema,
  reply: reserveReplySchema,
});

// ---------------------------------------------------------------------------------------------------------
// extend

export const extendRequestSchema = z.strictObject({ orderId, correlationId: correlationIdSchema });

// ---------------------------------------------------------------------------------------------------------
// commit, release

export const commitRequestSchema = z.strictObject({ orderId, correlationId: correlationIdSchema });

export const releaseRequestSchema = z.strictObject({
  orderId,
  reason: z.enum(['order_cancelled', 'payment_failed']),
  correlationId: correlationIdSchema,
});

/** What commit and release answer: the reservation after the step (a repeat changes nothing). */
export const reservationReplySchema = z.object({ reservation: reservationSchema });

/**
 * held → held until the authorization lapses (inventory's AUTHORIZED_HOLD_MS, 7 days): the payment is
 * authorized, the units must not expire before the capture. A committed reservation is answered as it is.
 * Refusals: 404 no reservation, 422 illegal-transition (released or expired: the units may be sold).
 */
export const inventoryExtend = defineInternal({
  service: 'inventory',
  name: 'extend',
  description: "keeps an order's units held until its authorized payment is captured",
  request: extendRequestSchema,
  reply: reservationReplySchema,
});

/** held → committed. Refusals: 404 no reservation, 422 illegal-transition (released or expired). */
export const inventoryCommit = defineInternal({
  service: 'inventory',
  name: 'commit',
  description: "sells an order's held units once its payment succeeded",
  request: commitRequestSchema,
  reply: reservationReplySchema,
});

/** → released. Refusals: 404 no reservation, 422 illegal-transition (a failed payment of a committed order). */
export const inventoryRelease = defineInternal({
  service: 'inventory',
  name: 'release',
  description: "gives an order's units back (cancelled, payment failed)",
  request: releaseRequestSchema,
  reply: reservationReplySchema,
});

// ---------------------------------------------------------------------------------------------------------
// availability

/** SKUs per availability call. */
export const MAX_AVAILABILITY_SKUS = 500;

export const availabilityRequestSchema = z.strictObject({
  skus: z.array(sku).check(z.minLength(1), z.maxLength(MAX_AVAILABILITY_SKUS)),
  correlationId: correlationIdSchema,
});

export const availabilityReplySchema = z.object({
  /**
   * One item per requested SKU, in the order asked: the class the public availability answers, the units
   * available over every warehouse, and the low-stock threshold the class was decided by. A SKU inventory
   * has never seen is out_of_stock with 0 available.
   */
  items: z.array(
    z.object({
      sku: z.string(),
      availability: availabilitySchema,
      available: z.number().check(z.int(), z.gte(0)),
      threshold: z.number().check(z.int(), z.gte(0)),
    }),
  ),
});

/** Read-only: availability class and units of some SKUs (reindexing). Refusals: 400 malformed. */
export const inventoryAvailability = defineInternal({
  service: 'inventory',
  name: 'availability',
  description: 'the availability class and available units of some SKUs (reindexing)',
  request: availabilityRequestSchema,
  reply: availabilityReplySchema,
});

export type ReservationReply = z.infer<typeof reservationSchema>;
export type Shortage = z.infer<typeof shortageSchema>;
export type ReserveRequest = z.infer<typeof reserveRequestSchema>;
export type ReserveReply = z.infer<typeof reserveReplySchema>;
export type ExtendRequest = z.infer<typeof extendRequestSchema>;
export type CommitRequest = z.infer<typeof commitRequestSchema>;
export type ReleaseRequest = z.infer<typeof releaseRequestSchema>;
export type CommitReply = z.infer<typeof reservationReplySchema>;
export type ReleaseReply = z.infer<typeof reservationReplySchema>;
export type ReserveResult = InternalResult<ReserveReply>;
export type AvailabilityRequest = z.output<typeof availabilityRequestSchema>;
export type AvailabilityReply = z.output<typeof availabilityReplySchema>;
export type AvailabilityResult = InternalResult<AvailabilityReply>;
