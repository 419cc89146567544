// The promotions service's internal functions: `evaluate` says which promotions apply to a priced basket,
// what each takes off each line and shipping, and why every other candidate does not (pricing's quote asks
// it); `reserve` holds every promotion an order uses when checkout places it (each limit checked by a
// conditional write), `release` gives them back when checkout gives up before the order exists. Payment and
// cancellation settle them through the order's events. `generateCodes` writes a batch of single-use codes in
// the background; `scheduleFired` is what a catalogue promotion's schedule invokes at its start and end.
// docs/promotions.md has the rules.
import * as z from 'zod/mini';
import { correlationIdSchema, defineInternal } from './define.ts';

const orderId = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Must be 1-64 letters, digits, "-" or "_".'));
const promotionId = z.string().check(z.regex(/^pr_[a-z0-9]{1,40}$/));
const currency = z.string().check(z.regex(/^[A-Z]{3}$/));

/** Who uses it: the customer's id when signed in, else the guest's email (normalized by the callee). */
const buyer = z.union([
  z.strictObject({ customerId: z.string().check(z.minLength(1), z.maxLength(128)) }),
  z.strictObject({ email: z.string().check(z.minLength(3), z.maxLength(254)) }),
]);

const redemptionSchema = z.object({
  orderId: z.string(),
  promotionId: z.string(),
  amount: z.number(),
  currency: z.string(),
  code: z.optional(z.string()),
  status: z.enum(['reserved', 'committed', 'released']),
});

export const promotionsReserve = defineInternal({
  service: 'promotions',
  name: 'reserve',
  description: 'reserves the promotions an order uses, all or none, within their limits (checkout)',
  request: z.strictObject({
    orderId,
    buyer,
    redemptions: z
      .array(
        z.strictObject({
          promotionId,
          amount: z.number().check(z.int(), z.gte(0), z.lte(1_000_000_000_000)),
          currency,
          code: z.optional(z.string().check(z.maxLength(32))),
        }),
      )
      .check(z.minLength(1), z.maxLength(10)),
    correlationId: correlationIdSchema,
  }),
  reply: z.object({ redemptions: z.array(redemptionSchema) }),
});

export const promotionsRelease = defineInternal({
  service: 'promotions',
  name: 'release',
  description: 'gives back the redemptions an order reserved when checkout gives up before placing it',
  request: z.strictObject({ orderId, correlationId: correlationIdSchema }),
  reply: z.object({ released: z.number() }),
});

export const promotionsScheduleFired = defineInternal({
  service: 'promotions',
  name: 'scheduleFired',
  description:
    'publishes promotion.started or promotion.ended when a catalogue promotion’s schedule fires (EventBridge ' +
    'Scheduler invokes it asynchronously); a schedule of an older version, or one fired again, does nothing',
  request: z.strictObject({
    promotionId,
    edge: z.enum(['start', 'end']),
    version: z.number().check(z.int(), z.gte(1)),
    correlationId: correlationIdSchema,
  }),
  reply: z.object({ outcome: z.enum(['published', 'stale', 'repeated']) }),
});

const minor = z.number().check(z.int(), z.gte(0), z.lte(1_000_000_000_000));

export const evaluateRequestSchema = z.strictObject({
  currency,
  lines: z
    .array(
      z.strictObject({
        sku: z.string().check(z.regex(/^[A-Za-z0-9._-]{1,64}$/)),
        quantity: z.number().check(z.int(), z.gte(1), z.lte(10_000)),
        /** What the shopper pays per unit before promotions (sales and segment prices applied). */
        unitPrice: minor,
      }),
    )
    .check(z.minLength(1), z.maxLength(100)),
  shipping: z.nullable(z.strictObject({ method: z.string().check(z.minLength(1)), amount: minor })),
  shippingCountry: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/))),
  buyer: z.strictObject({
    signedIn: z.boolean(),
    customerId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
    email: z.optional(z.string().check(z.minLength(3), z.maxLength(254))),
    segments: z.array(z.string()).check(z.maxLength(50)),
    /** Left out, promotions works it out: no paid order of this customer (or guest email) yet. */
    firstOrder: z.optional(z.boolean()),
  }),
  codes: z.array(z.string().check(z.maxLength(64))).check(z.maxLength(10)),
  /**
   * The order a checkout is pricing: what it reserved already (a resumed checkout) does not count against
   * it, so its promotions still apply to it.
   */
  orderId: z.optional(orderId),
  correlationId: correlationIdSchema,
});

const appliedShape = {
  promotionId: z.string(),
  name: z.string(),
  code: z.optional(z.string()),
  class: z.enum(['item', 'order', 'shipping']),
  amount: z.number(),
  /** Per request line, what it takes off. */
  lines: z.array(z.number()),
  shipping: z.number(),
};

/** Why a candidate did not apply: `code` names the reason; the other members depend on it. */
const reasonSchema = z.looseObject({ code: z.string() });

export const evaluateReplySchema = z.object({
  applied: z.array(z.object(appliedShape)),
  verdicts: z.array(
    z.union([
      z.object({ applied: z.literal(true), ...appliedShape }),
      z.object({
        applied: z.literal(false),
        promotionId: z.string(),
        name: z.string(),
        code: z.optional(z.string()),
        reason: reasonSchema,
      }),
    ]),
  ),
  lineDiscounts: z.array(z.number()),
  shippingDiscount: z.number(),
  unknownCodes: z.array(z.string()),
});

export const promotionsEvaluate = defineInternal({
  service: 'promotions',
  name: 'evaluate',
  description: 'says which promotions apply to a priced basket, per line, and why the others do not (quote)',
  request: evaluateRequestSchema,
  reply: evaluateReplySchema,
});

export type EvaluateReply = z.output<typeof evaluateReplySchema>;

/** A batch of generated single-use codes of a code promotion, as its record stands. */
export const codeBatchSchema = z.object({
  id: z.string(),
  promotionId: z.string(),
  count: z.number(),
  generated: z.number(),
  status: z.enum(['generating', 'done', 'failed']),
  prefix: z.string(),
  length: z.number(),
  createdAt: z.string(),
  completedAt: z.optional(z.string()),
});

export const promotionsGenerateCodes = defineInternal({
  service: 'promotions',
  name: 'generateCodes',
  description:
    'writes the single-use codes of a batch a staff route started, from where the batch stands; hands ' +
    'the rest to a new invocation of itself when its time runs short (invoked asynchronously)',
  request: z.strictObject({
    promotionId,
    batchId: z.string().check(z.regex(/^cb_[a-z0-9]{1,40}$/)),
    correlationId: correlationIdSchema,
  }),
  reply: codeBatchSchema,
});
