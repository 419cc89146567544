// The promotions service's request and response shapes (zod/mini), shared by its routes and handlers, over
// the promotion model its events carry (@commerce/events promotionShape; domain/promotion.ts is the same
// model as types). Rules JSON Schema cannot state (an end after the start, codes only on code promotions,
// each code once) answer 422 with field detail.
import { promotionShape, promotionSnapshot } from '@commerce/events';
import { cursorQuery, rule, text } from '@commerce/lambda-kit/contract';
import * as z from 'zod/mini';

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
};

type Fields = {
  startsAt?: string | undefined;
  endsAt?: string | undefined;
  trigger: string;
  codes: string[];
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
