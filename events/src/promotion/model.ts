// The promotion model as the promotions service stores, answers and announces it (zod/mini): schedule,
// status, priority, combination, conditions, one action and limits. docs/promotions.md explains each part.
import * as z from 'zod/mini';

const currency = z.string().check(z.regex(/^[A-Z]{3}$/, 'An ISO 4217 code in capitals, e.g. EUR.'));
const amount = z.number().check(z.int(), z.gte(0), z.lte(1_000_000_000_000));
const count = (max: number) => z.number().check(z.int(), z.gte(1), z.lte(max));
const basisPoints = z
  .number()
  .check(z.int(), z.gte(1), z.lte(10_000), z.describe('Hundredths of a percent: 1000 is 10 %, 10000 all.'));
const reference = z.string().check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'Letters, digits, ".", "-" or "_".'));
const references = z.optional(z.array(reference).check(z.maxLength(100)));

/** A code as staff give it: 3-32 letters, digits, "-" or "_"; codes compare case-insensitively. */
export const promotionCode = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{3,32}$/, 'Must be 3-32 letters, digits, "-" or "_".'));

const amounts = z
  .record(currency, amount)
  .check(
    z.describe('Minor units per currency; a promotion does not apply in a currency it names no amount for.'),
  );

const target = z
  .strictObject({ skus: references, productIds: references, categoryIds: references })
  .check(
    z.describe('Items matching any list given (a category finds its descendants too); none given: all.'),
  );

const reduction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('percentage'), basisPoints }),
  z.strictObject({ kind: z.literal('fixed'), amounts }),
]);

const classes = z.array(z.enum(['item', 'order', 'shipping'])).check(z.maxLength(3));

export const combinationSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('exclusive') }),
  z.strictObject({ mode: z.literal('stop') }),
  z.strictObject({ mode: z.literal('combinable'), with: classes }),
]);

export const conditionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('subtotal-at-least'), amounts }),
  z.strictObject({ kind: z.literal('quantity-at-least'), quantity: count(10_000), target }),
  z.strictObject({
    kind: z.literal('segment'),
    segments: z.array(reference).check(z.minLength(1), z.maxLength(20)),
  }),
  z.strictObject({ kind: z.literal('first-order') }),
  z.strictObject({
    kind: z.literal('currency'),
    currencies: z.array(currency).check(z.minLength(1), z.maxLength(20)),
  }),
  z.strictObject({
    kind: z.literal('shipping-country'),
    countries: z.array(z.string().check(z.regex(/^[A-Z]{2}$/))).check(z.minLength(1), z.maxLength(250)),
  }),
  z.strictObject({ kind: z.literal('signed-in') }),
]);

const maxSets = z.optional(count(1_000));

export const actionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('items-off'), target, reduction }),
  z.strictObject({ kind: z.literal('order-off'), reduction }),
  z.strictObject({ kind: z.literal('set-price'), target, size: count(100), amounts, maxSets }),
  z.strictObject({
    kind: z.literal('buy-x-get-y'),
    target,
    buy: count(100),
    get: count(100),
    pick: z.enum(['cheapest', 'most-expensive']),
    basisPoints,
    maxSets,
  }),
  z.strictObject({
    kind: z.literal('shipping-off'),
    methods: z.optional(z.array(reference).check(z.maxLength(20))),
    reduction,
  }),
  z.strictObject({
    kind: z.literal('tiered'),
    by: z.enum(['subtotal', 'quantity']),
    target,
    tiers: z
      .array(
        z.strictObject({
          quantity: z.optional(count(10_000)),
          amounts: z.optional(amounts),
          basisPoints,
        }),
      )
      .check(z.minLength(1), z.maxLength(10)),
  }),
]);

export const limitsSchema = z.strictObject({
  redemptions: z.optional(count(100_000_000)),
  perCustomer: z.optional(count(1_000)),
  budget: z.optional(z.strictObject({ currency, amount: amount.check(z.gte(1)) })),
});

const timestamp = z.iso.datetime({ offset: false });

/** The fields staff set (the routes add defaults and the rules no schema states). */
export const promotionShape = {
  name: z.string().check(z.minLength(1), z.maxLength(120)),
  status: z.enum(['draft', 'active', 'archived']),
  startsAt: z.optional(timestamp),
  endsAt: z.optional(timestamp.check(z.describe('Exclusive; after startsAt.'))),
  priority: z.number().check(z.int(), z.gte(0), z.lte(1_000), z.describe('Higher first.')),
  trigger: z.enum(['automatic', 'code']),
  codes: z
    .array(promotionCode)
    .check(z.maxLength(20), z.describe('Shared codes of a code promotion (case-insensitive, unique).')),
  combination: combinationSchema,
  conditions: z.array(conditionSchema).check(z.maxLength(10)),
  action: actionSchema,
  limits: limitsSchema,
  badge: z.optional(
    z
      .string()
      .check(
        z.minLength(1),
        z.maxLength(40),
        z.describe(
          'Shown to shoppers on the products of a catalogue promotion ("Sale", "-20 %"): only an automatic ' +
            'items-off promotion without basket conditions (currency aside) has one.',
        ),
      ),
  ),
};

export const promotionSnapshot = z.strictObject({
  id: z.string().check(z.minLength(1)),
  ...promotionShape,
  version: z.number().check(z.int(), z.gte(1)),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

/** The parts the catalogue offer (catalogue-offer.ts) shares with the model. */
export { currency as currencySchema, reduction as reductionSchema, timestamp as timestampSchema };
