// The promotions service's internal functions over one order's redemptions: `reserve` holds every promotion
// an order uses when checkout places it (each limit checked by a conditional write), `release` gives them
// back when checkout gives up before the order exists. Payment and cancellation settle them through the
// order's events. docs/promotions.md has the rules.
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
