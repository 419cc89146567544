// The promotions service's request and response shapes (zod/mini), shared by its routes and handlers, over
// the promotion model its events carry (@commerce/events promotionShape; domain/promotion.ts is the same
// model as types). Rules JSON Schema cannot state (an end after the start, codes only on code promotions,
// each code once, a badge only on a catalogue promotion) answer 422 with field detail.
import { promotionShape, promotionSnapshot } from '@commerce/events';
import { cursorQuery, rule, text } from '@commerce/lambda-kit/contract';
import * as z from 'zod/mini';
import { catalogueRefusal } from './domain/catalogue.ts';

export const promotionId = z
  .string()
  .check(z.regex(/^pr_[a-z0-9]{1,40}$/, 'A promotion id as the API issued it (pr_…).'));
const { codes, conditions, limits, name: _name, ...fixed } = promotionShape;

const promotionFields = {
  ...fixed,
  name: text(120),
  codes: z._default(codes, []),
  conditions: z._default(conditions, []),
  limits: z._default(limits, {}),
  badge: z.optional(
    text(40).check(z.describe('Shown to shoppers on the products of a catalogue promotion.')),
  ),
};

type Fields = {
  startsAt?: string | undefined;
  endsAt?: string | undefined;
  trigger: string;
  codes: string[];
  badge?: string | undefined;
  action: { kind: string };
  conditions: { kind: string }[];
};

const rules = <T extends Fields>(schema: z.ZodMiniType<T>) =>
  schema.check(
    rule<T>(
      (p) => !p.startsAt || !p.endsAt || Date.parse(p.endsAt) > Date.parse(p.startsAt),
      'Must be after startsAt.',
      ['endsAt'],
    ),
    rule<T>((p) => p.trigger === 'code' || p.codes.length === 0, 'Only a code promotion has codes.', [
      'codes',
    ]),
    rule<T>(
      (p) => new Set(p.codes.map((c) => c.toUpperCase())).size === p.codes.length,
      'Each code once (case-insensitively).',
      ['codes'],
    ),
    rule<T>(
      (p) => p.badge === undefined || catalogueRefusal(p) === undefined,
      'Only a catalogue promotion has a badge: automatic, items-off, no condition but currency.',
      ['badge'],
    ),
  );

export const promotionBody = rules(z.strictObject(promotionFields));

export const promotionReplaceBody = rules(
  z.strictObject({
    ...promotionFields,
    version: z.number().check(z.int(), z.gte(1), z.describe('The version read; another is a 409.')),
  }),
);

export const promotionParams = z.strictObject({ id: promotionId });

export const promotionAnswer = promotionSnapshot;

export const promotionListQuery = z.strictObject({
  status: z.optional(z.enum(['draft', 'active', 'archived'])),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
  cursor: cursorQuery(),
});

export const promotionPage = z.object({
  items: z.array(promotionAnswer),
  nextCursor: z.optional(z.string()),
});

export const promotionUsage = z.object({
  redemptions: z.number().check(z.describe('Reserved and committed redemptions.')),
  budgetUsed: z.number().check(z.describe('Discount given, in the budget’s currency (0 without a budget).')),
  redemptionsLeft: z.optional(z.number()),
  budgetLeft: z.optional(z.number()),
});

const minor = z.number().check(z.int(), z.gte(0), z.lte(1_000_000_000_000));
const reference = z.string().check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'Letters, digits, ".", "-" or "_".'));

/** POST /promotions/preview: a promotion as the editor holds it (the create body) and a sample basket. */
export const previewBody = z.strictObject({
  promotion: promotionBody,
  basket: z.strictObject({
    currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'An ISO 4217 code in capitals, e.g. EUR.')),
    lines: z
      .array(
        z.strictObject({
          sku: reference,
          quantity: z.number().check(z.int(), z.gte(1), z.lte(10_000)),
          unitPrice: minor.check(z.describe('What one unit costs before promotions, in minor units.')),
        }),
      )
      .check(z.minLength(1), z.maxLength(20)),
    shipping: z.optional(z.strictObject({ method: reference, amount: minor })),
    shippingCountry: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/, 'An ISO 3166 code, e.g. DE.'))),
    buyer: z.optional(
      z.strictObject({
        signedIn: z._default(z.boolean(), false),
        segments: z._default(z.array(reference).check(z.maxLength(50)), []),
        firstOrder: z._default(z.boolean(), false),
      }),
    ),
    at: z.optional(z.iso.datetime().check(z.describe('The moment its schedule is checked at; absent: now.'))),
  }),
});

/** The engine's verdict for the previewed promotion alone: what it takes off, or why it takes nothing. */
export const previewAnswer = z.object({
  verdict: z.union([
    z.object({
      applied: z.literal(true),
      class: z.enum(['item', 'order', 'shipping']),
      amount: minor.check(z.describe('Σ of its line amounts and its shipping amount.')),
      lines: z.array(minor).check(z.describe('What it takes off each basket line, in the basket’s order.')),
      shipping: minor,
    }),
    z.object({
      applied: z.literal(false),
      reason: z
        .looseObject({ code: z.string() })
        .check(
          z.describe(
            'As the engine gives it: `code` is inactive, not-started, ended, other-currency, condition-failed ' +
              '(with `condition`, its `index` and a `detail`), limit-reached (a budget smaller than this one ' +
              'discount) or nothing-to-discount (with a `detail`).',
          ),
        ),
    }),
  ]),
  unknownSkus: z
    .array(z.string())
    .check(
      z.describe(
        'Basket SKUs the service’s catalog copy does not know: they match a target by SKU only (no product, ' +
          'no category).',
      ),
    ),
});
