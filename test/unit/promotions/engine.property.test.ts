// Property-based tests of the rule engine: for any basket and any promotions, line discounts sum exactly to
// each promotion's amount, nothing goes negative, a budget is never exceeded by a single minor unit, the
// combination rules hold and the answer does not depend on the order the candidates came in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Basket } from '../../../functions/promotions/domain/basket.ts';
import { evaluate, type Candidate, type Usage } from '../../../functions/promotions/domain/engine.ts';
import type { Action, Promotion, Reduction } from '../../../functions/promotions/domain/promotion.ts';
import { AT } from './fixtures.ts';

const skus = ['A', 'B', 'C', 'D'] as const;
const classes = ['item', 'order', 'shipping'] as const;

const target = fc.record({ skus: fc.subarray([...skus]) });
const amounts = fc.record({ EUR: fc.integer({ min: 0, max: 50_000 }) });
const reduction: fc.Arbitrary<Reduction> = fc.oneof(
  fc.record({ kind: fc.constant('percentage' as const), basisPoints: fc.integer({ min: 1, max: 10_000 }) }),
  fc.record({ kind: fc.constant('fixed' as const), amounts }),
);

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('items-off' as const), target, reduction }),
  fc.record({ kind: fc.constant('order-off' as const), reduction }),
  fc.record({
    kind: fc.constant('set-price' as const),
    target,
    size: fc.integer({ min: 1, max: 4 }),
    amounts,
    maxSets: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('buy-x-get-y' as const),
    target,
    buy: fc.integer({ min: 1, max: 3 }),
    get: fc.integer({ min: 1, max: 2 }),
    pick: fc.constantFrom('cheapest' as const, 'most-expensive' as const),
    basisPoints: fc.integer({ min: 1, max: 10_000 }),
    maxSets: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('shipping-off' as const), reduction }),
  fc.record({
    kind: fc.constant('tiered' as const),
    by: fc.constantFrom('subtotal' as const, 'quantity' as const),
    target,
    tiers: fc.array(
      fc.record({
        quantity: fc.integer({ min: 1, max: 10 }),
        amounts,
        basisPoints: fc.integer({ min: 1, max: 10_000 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  }),
);

const promotion = (id: number): fc.Arbitrary<Promotion> =>
  fc.record({
    id: fc.constant(`p${String(id).padStart(2, '0')}`),
    name: fc.constant(`Promotion ${id}`),
    status: fc.constant('active' as const),
    priority: fc.integer({ min: 0, max: 3 }),
    trigger: fc.constant('automatic' as const),
    combination: fc.oneof(
      fc.constant({ mode: 'exclusive' as const }),
      fc.constant({ mode: 'stop' as const }),
      fc.record({ mode: fc.constant('combinable' as const), with: fc.subarray([...classes]) }),
    ),
    conditions: fc.constant([]),
    action,
    limits: fc.record({
      budget: fc.option(
        fc.record({ currency: fc.constant('EUR'), amount: fc.integer({ min: 0, max: 2_000 }) }),
        { nil: undefined },
      ),
    }),
    version: fc.constant(1),
  });

const promotions = fc
  .integer({ min: 1, max: 6 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => promotion(i + 1))));

const basket: fc.Arbitrary<Basket> = fc.record({
  currency: fc.constant('EUR'),
  lines: fc.array(
    fc.record({
      sku: fc.constantFrom(...skus),
      productId: fc.constant('p'),
      categoryIds: fc.constant([]),
      quantity: fc.integer({ min: 1, max: 5 }),
      unitPrice: fc.integer({ min: 0, max: 20_000 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  shipping: fc.option(
    fc.record({ method: fc.constant('standard'), amount: fc.integer({ min: 0, max: 2000 }) }),
    { nil: null },
  ),
  shippingCountry: fc.constant('DE'),
  buyer: fc.constant({ signedIn: false, segments: [], firstOrder: true }),
  codes: fc.constant([]),
  at: fc.constant(AT),
});

/** Budgets used up to a few minor units of their amount, so the edge is met often. */
const usage = (list: readonly Promotion[]) =>
  fc.array(fc.integer({ min: 0, max: 300 }), { minLength: list.length, maxLength: list.length }).map(
    (left) =>
      new Map<string, Usage>(
        list.map((p, i) => [
          p.id,
          {
            redemptions: 0,
            byBuyer: 0,
            budgetUsed: Math.max(0, (p.limits.budget?.amount ?? 0) - left[i]!),
          },
        ]),
      ),
  );

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('the rule engine, for any basket and promotions', () => {
  it('allocates exactly: each promotion’s lines and shipping sum to its amount, and the totals to theirs', () => {
    fc.assert(
      fc.property(basket, promotions, (b, list) => {
        const result = evaluate(
          b,
          list.map((promotion): Candidate => ({ promotion })),
        );
        for (const applied of result.applied) {
          expect(sum(applied.lines) + applied.shipping).toBe(applied.amount);
          expect(applied.amount).toBeGreaterThan(0);
          for (const amount of applied.lines) expect(Number.isInteger(amount) && amount >= 0).toBe(true);
        }
        result.lineDiscounts.forEach((discount, i) => {
          expect(discount).toBe(sum(result.applied.map((a) => a.lines[i]!)));
          // Never below zero: a line loses at most its subtotal.
          expect(discount).toBeLessThanOrEqual(b.lines[i]!.unitPrice * b.lines[i]!.quantity);
        });
        expect(result.shippingDiscount).toBe(sum(result.applied.map((a) => a.shipping)));
        expect(result.shippingDiscount).toBeLessThanOrEqual(b.shipping?.amount ?? 0);
      }),
    );
  });

  it('never gives more than a budget has left, by a single minor unit', () => {
    fc.assert(
      fc.property(
        basket,
        promotions.chain((list) => fc.tuple(fc.constant(list), usage(list))),
        (b, [list, used]) => {
          const result = evaluate(
            b,
            list.map((promotion): Candidate => ({ promotion })),
            used,
          );
          for (const applied of result.applied) {
            const budget = list.find((p) => p.id === applied.promotionId)!.limits.budget;
            if (budget)
              expect(used.get(applied.promotionId)!.budgetUsed + applied.amount).toBeLessThanOrEqual(
                budget.amount,
              );
          }
        },
      ),
    );
  });

  it('holds the combination rules: an exclusive one applies alone, nothing applies after a stop', () => {
    fc.assert(
      fc.property(basket, promotions, (b, list) => {
        const result = evaluate(
          b,
          list.map((promotion): Candidate => ({ promotion })),
        );
        const modes = result.applied.map((a) => list.find((p) => p.id === a.promotionId)!.combination.mode);
        if (modes.includes('exclusive')) expect(modes).toEqual(['exclusive']);
        const stop = modes.indexOf('stop');
        if (stop >= 0) expect(stop).toBe(modes.length - 1);
        expect(result.verdicts).toHaveLength(list.length);
      }),
    );
  });

  it('answers the same whatever order the candidates came in', () => {
    fc.assert(
      fc.property(
        basket,
        promotions.chain((list) =>
          fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })),
        ),
        (b, [list, shuffled]) => {
          const one = evaluate(
            b,
            list.map((promotion): Candidate => ({ promotion })),
          );
          const other = evaluate(
            b,
            shuffled.map((promotion): Candidate => ({ promotion })),
          );
          expect(other).toEqual(one);
        },
      ),
    );
  });
});
