// The rule engine: each action kind, the conditions, combination rules, limits and the explanation of every
// candidate that did not apply.
import { describe, expect, it } from 'vitest';
import { evaluate, type Verdict } from '../../../functions/promotions/domain/engine.ts';
import { AT, basket, candidates, line, promotion } from './fixtures.ts';

const reasonOf = (verdicts: readonly Verdict[], id: string) => {
  const verdict = verdicts.find((v) => v.promotionId === id);
  return verdict && !verdict.applied ? verdict.reason : undefined;
};

describe('actions', () => {
  it('takes a percentage off the order, spread over the lines so they sum to it exactly', () => {
    const tenOff = promotion();
    const result = evaluate(basket([line('A', 333), line('B', 333), line('C', 334)]), candidates(tenOff));
    expect(result.applied[0]).toMatchObject({ amount: 100, lines: [33, 33, 34], shipping: 0 });
    expect(result.lineDiscounts).toEqual([33, 33, 34]);
  });

  it('rounds a percentage half up once, on the whole, not per line', () => {
    // 10 % of 1005 is 100.5 → 101; per line it would be 34 + 34 + 34 = 102 (wrong) or 33 × 3 = 99.
    const result = evaluate(
      basket([line('A', 335), line('B', 335), line('C', 335)]),
      candidates(promotion()),
    );
    expect(result.applied[0]!.amount).toBe(101);
    expect(result.lineDiscounts.reduce((a, b) => a + b)).toBe(101);
  });

  it('takes a fixed amount off the order, never more than the order', () => {
    const fiveOff = promotion({
      action: { kind: 'order-off', reduction: { kind: 'fixed', amounts: { EUR: 500 } } },
    });
    expect(evaluate(basket([line('A', 1000), line('B', 3000)]), candidates(fiveOff)).lineDiscounts).toEqual([
      125, 375,
    ]);
    const huge = promotion({
      action: { kind: 'order-off', reduction: { kind: 'fixed', amounts: { EUR: 99_999 } } },
    });
    const result = evaluate(basket([line('A', 1000), line('B', 3000)]), candidates(huge));
    expect(result.lineDiscounts).toEqual([1000, 3000]);
  });

  it('takes a percentage or a fixed amount per unit off matching items only', () => {
    const shirts = { categoryIds: ['shirts'] };
    const pct = promotion({
      action: { kind: 'items-off', target: shirts, reduction: { kind: 'percentage', basisPoints: 2000 } },
    });
    const items = [line('A', 2000, 2, ['shirts']), line('B', 5000, 1, ['shoes'])];
    expect(evaluate(basket(items), candidates(pct)).lineDiscounts).toEqual([800, 0]);
    const fixed = promotion({
      action: { kind: 'items-off', target: shirts, reduction: { kind: 'fixed', amounts: { EUR: 300 } } },
    });
    expect(evaluate(basket(items), candidates(fixed)).lineDiscounts).toEqual([600, 0]);
  });

  it('prices sets: "3 for 20.00" over the dearest matching units, repeated per set', () => {
    const three = promotion({
      action: { kind: 'set-price', target: { skus: ['A', 'B'] }, size: 3, amounts: { EUR: 2000 } },
    });
    // Units 900, 900, 800, 800, 800, 800, 700: sets (900, 900, 800) and (800, 800, 800); 700 pays full price.
    const result = evaluate(
      basket([line('A', 900, 2), line('B', 800, 4), line('C', 700)]),
      candidates(three),
    );
    expect(result.applied[0]!.amount).toBe(2600 - 2000 + 2400 - 2000);
    expect(result.lineDiscounts[2]).toBe(0);
  });

  it('gives buy 2 get 1 free on the cheapest of each set, up to the maximum of sets', () => {
    const b2g1 = promotion({
      action: {
        kind: 'buy-x-get-y',
        target: {},
        buy: 2,
        get: 1,
        pick: 'cheapest',
        basisPoints: 10_000,
        maxSets: 1,
      },
    });
    const result = evaluate(basket([line('A', 1000, 3), line('B', 500, 3)]), candidates(b2g1));
    // Dearest first: 1000, 1000, 1000 | 500, 500, 500: one set, its cheapest unit (1000) free.
    expect(result.lineDiscounts).toEqual([1000, 0]);
    const unlimited = promotion({
      action: { kind: 'buy-x-get-y', target: {}, buy: 2, get: 1, pick: 'cheapest', basisPoints: 5000 },
    });
    expect(
      evaluate(basket([line('A', 1000, 3), line('B', 500, 3)]), candidates(unlimited)).lineDiscounts,
    ).toEqual([500, 250]);
    const dearest = promotion({
      action: {
        kind: 'buy-x-get-y',
        target: {},
        buy: 1,
        get: 1,
        pick: 'most-expensive',
        basisPoints: 10_000,
      },
    });
    expect(evaluate(basket([line('A', 1000), line('B', 500)]), candidates(dearest)).lineDiscounts).toEqual([
      1000, 0,
    ]);
  });

  it('discounts shipping for its methods only', () => {
    const free = promotion({
      action: {
        kind: 'shipping-off',
        methods: ['standard'],
        reduction: { kind: 'percentage', basisPoints: 10_000 },
      },
    });
    expect(evaluate(basket([line('A', 1000)]), candidates(free)).shippingDiscount).toBe(490);
    const express = basket([line('A', 1000)], { shipping: { method: 'express', amount: 990 } });
    const result = evaluate(express, candidates(free));
    expect(result.shippingDiscount).toBe(0);
    expect(reasonOf(result.verdicts, free.id)).toMatchObject({ code: 'nothing-to-discount' });
  });

  it('takes the highest tier reached, by subtotal or by quantity', () => {
    const bySubtotal = promotion({
      action: {
        kind: 'tiered',
        by: 'subtotal',
        target: {},
        tiers: [
          { amounts: { EUR: 5000 }, basisPoints: 500 },
          { amounts: { EUR: 10_000 }, basisPoints: 1000 },
        ],
      },
    });
    expect(evaluate(basket([line('A', 6000)]), candidates(bySubtotal)).applied[0]!.amount).toBe(300);
    expect(evaluate(basket([line('A', 12_000)]), candidates(bySubtotal)).applied[0]!.amount).toBe(1200);
    const byQuantity = promotion({
      action: {
        kind: 'tiered',
        by: 'quantity',
        target: { skus: ['A'] },
        tiers: [{ quantity: 3, basisPoints: 1500 }],
      },
    });
    const two = evaluate(basket([line('A', 1000, 2)]), candidates(byQuantity));
    expect(reasonOf(two.verdicts, byQuantity.id)).toEqual({
      code: 'nothing-to-discount',
      detail: 'No tier is reached.',
    });
    expect(evaluate(basket([line('A', 1000, 3)]), candidates(byQuantity)).applied[0]!.amount).toBe(450);
  });
});

describe('conditions', () => {
  it('name the first one that fails', () => {
    const picky = promotion({
      conditions: [
        { kind: 'currency', currencies: ['EUR'] },
        { kind: 'subtotal-at-least', amounts: { EUR: 5000 } },
        { kind: 'signed-in' },
      ],
    });
    const result = evaluate(basket([line('A', 1000)]), candidates(picky));
    expect(reasonOf(result.verdicts, picky.id)).toEqual({
      code: 'condition-failed',
      condition: 'subtotal-at-least',
      index: 1,
      detail: 'The subtotal 1000 is below 5000.',
    });
  });

  it('check segments, the first order, the shipping country and matching quantities', () => {
    const vip = promotion({ conditions: [{ kind: 'segment', segments: ['vip'] }] });
    const first = promotion({ conditions: [{ kind: 'first-order' }] });
    const germany = promotion({ conditions: [{ kind: 'shipping-country', countries: ['DE'] }] });
    const twoShirts = promotion({
      conditions: [{ kind: 'quantity-at-least', quantity: 2, target: { skus: ['A'] } }],
    });
    const shopper = basket([line('A', 1000, 2)], {
      buyer: { signedIn: true, customerId: 'c1', segments: ['vip'], firstOrder: false },
      shippingCountry: 'FR',
    });
    const result = evaluate(shopper, candidates(vip, first, germany, twoShirts));
    expect(result.applied.map((a) => a.promotionId).sort()).toEqual([vip.id, twoShirts.id].sort());
    expect(reasonOf(result.verdicts, first.id)).toMatchObject({ condition: 'first-order' });
    expect(reasonOf(result.verdicts, germany.id)).toMatchObject({ condition: 'shipping-country' });
  });

  it('keep a promotion to its schedule and its status', () => {
    const later = promotion({ startsAt: '2026-12-05T00:00:00.000Z' });
    const over = promotion({ endsAt: AT.toISOString() });
    const draft = promotion({ status: 'draft' });
    const result = evaluate(basket([line('A', 1000)]), candidates(later, over, draft));
    expect(result.applied).toEqual([]);
    expect(result.verdicts.map((v) => (v.applied ? 'applied' : v.reason.code))).toEqual(
      [later, over, draft].map(
        (p) => ({ [later.id]: 'not-started', [over.id]: 'ended', [draft.id]: 'inactive' })[p.id],
      ),
    );
  });
});

describe('combination', () => {
  it('an exclusive promotion applies alone, first by priority', () => {
    const exclusive = promotion({ priority: 10, combination: { mode: 'exclusive' } });
    const other = promotion({ priority: 5 });
    const result = evaluate(basket([line('A', 1000)]), candidates(other, exclusive));
    expect(result.applied.map((a) => a.promotionId)).toEqual([exclusive.id]);
    expect(reasonOf(result.verdicts, other.id)).toEqual({
      code: 'excluded',
      by: exclusive.id,
      rule: 'exclusive',
    });
  });

  it('an exclusive promotion after another one does not apply', () => {
    const first = promotion({ priority: 10 });
    const exclusive = promotion({ priority: 5, combination: { mode: 'exclusive' } });
    const result = evaluate(basket([line('A', 1000)]), candidates(first, exclusive));
    expect(reasonOf(result.verdicts, exclusive.id)).toEqual({
      code: 'excluded',
      by: first.id,
      rule: 'exclusive',
    });
  });

  it('a stop promotion ends the evaluation after itself', () => {
    const first = promotion({ priority: 10 });
    const stop = promotion({ priority: 5, combination: { mode: 'stop' } });
    const last = promotion({ priority: 1 });
    const result = evaluate(basket([line('A', 1000)]), candidates(first, stop, last));
    expect(result.applied.map((a) => a.promotionId)).toEqual([first.id, stop.id]);
    expect(reasonOf(result.verdicts, last.id)).toEqual({ code: 'excluded', by: stop.id, rule: 'stop' });
  });

  it('combinable promotions combine only with the classes both name', () => {
    const orderOnly = promotion({ priority: 10, combination: { mode: 'combinable', with: ['shipping'] } });
    const itemOff = promotion({
      priority: 5,
      action: { kind: 'items-off', target: {}, reduction: { kind: 'percentage', basisPoints: 1000 } },
    });
    const freeShipping = promotion({
      priority: 1,
      action: { kind: 'shipping-off', reduction: { kind: 'percentage', basisPoints: 10_000 } },
    });
    const result = evaluate(basket([line('A', 1000)]), candidates(orderOnly, itemOff, freeShipping));
    expect(result.applied.map((a) => a.promotionId)).toEqual([orderOnly.id, freeShipping.id]);
    expect(reasonOf(result.verdicts, itemOff.id)).toEqual({
      code: 'excluded',
      by: orderOnly.id,
      rule: 'not-combinable',
    });
  });

  it('each works on what the ones before it left', () => {
    const first = promotion({ priority: 2 });
    const second = promotion({ priority: 1 });
    const result = evaluate(basket([line('A', 1000)]), candidates(second, first));
    expect(result.applied.map((a) => a.amount)).toEqual([100, 90]);
  });
});

describe('limits', () => {
  it('name the exhausted limit', () => {
    const limited = promotion({
      limits: { redemptions: 20, perCustomer: 1, budget: { currency: 'EUR', amount: 1000 } },
    });
    const shopper = basket([line('A', 2000)], {
      buyer: { signedIn: false, email: 'a@example.com', segments: [], firstOrder: true },
    });
    const at = (redemptions: number, byBuyer: number, budgetUsed: number) =>
      reasonOf(
        evaluate(shopper, candidates(limited), new Map([[limited.id, { redemptions, byBuyer, budgetUsed }]]))
          .verdicts,
        limited.id,
      );
    expect(at(19, 0, 0)).toBeUndefined();
    expect(at(20, 0, 0)).toEqual({ code: 'limit-reached', limit: 'redemptions' });
    expect(at(0, 1, 0)).toEqual({ code: 'limit-reached', limit: 'per-customer' });
    // 10 % of 2000 is 200: 800 used leaves exactly enough, 801 does not.
    expect(at(0, 0, 800)).toBeUndefined();
    expect(at(0, 0, 801)).toEqual({ code: 'limit-reached', limit: 'budget' });
  });

  it('a budget in another currency keeps the promotion out of this one', () => {
    const euros = promotion({ limits: { budget: { currency: 'EUR', amount: 1000 } } });
    const result = evaluate(basket([line('A', 2000)], { currency: 'USD' }), candidates(euros));
    expect(reasonOf(result.verdicts, euros.id)).toEqual({ code: 'other-currency', currency: 'EUR' });
  });
});
