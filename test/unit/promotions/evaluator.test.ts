// The evaluate use case on in-memory ports: candidates from automatic promotions and entered codes (any case),
// categories matched with their descendants, usage read per buyer, unknown codes named, the automatic
// promotions reused for CACHE_MS, a first order worked out from the buyer's paid orders only when asked.
import { describe, expect, it } from 'vitest';
import { ancestorsOf, type SkuCopy } from '../../../functions/promotions/catalog-copy.ts';
import type { Usage } from '../../../functions/promotions/domain/engine.ts';
import type { PromotionRecord, Redemption } from '../../../functions/promotions/domain/ports.ts';
import { CACHE_MS, Evaluator, type EvaluationRequest } from '../../../functions/promotions/evaluator.ts';
import { AT, promotion } from './fixtures.ts';

const record = (overrides: Partial<PromotionRecord> = {}): PromotionRecord => ({
  ...promotion(),
  codes: [],
  createdAt: AT.toISOString(),
  updatedAt: AT.toISOString(),
  ...overrides,
});

function setup(
  automatic: PromotionRecord[],
  coded: Record<string, PromotionRecord> = {},
  paidBuyers: readonly string[] = [],
  usageOf: Usage = { redemptions: 0, budgetUsed: 0, byBuyer: 0 },
  held: readonly Redemption[] = [],
) {
  const calls = {
    automatic: 0,
    usageBuyer: [] as (string | undefined)[],
    usageIds: [] as string[][],
    paidAsked: [] as string[],
  };
  const skus = new Map<string, SkuCopy>([
    ['TEE', { sku: 'TEE', productId: 'p-tee', categoryIds: ['t-shirts'] }],
    ['MUG', { sku: 'MUG', productId: 'p-mug', categoryIds: ['kitchen'] }],
  ]);
  const evaluator = new Evaluator(
    {
      activeAutomatic: () => {
        calls.automatic++;
        return Promise.resolve(automatic);
      },
      byCode: (code) => Promise.resolve(coded[code]),
    },
    {
      usage: (ids, buyer) => {
        calls.usageBuyer.push(buyer);
        calls.usageIds.push([...ids]);
        return Promise.resolve(new Map<string, Usage>(ids.map((id) => [id, { ...usageOf }])));
      },
      hasPaidOrder: (buyer) => {
        calls.paidAsked.push(buyer);
        return Promise.resolve(paidBuyers.includes(buyer));
      },
      redemptionsOf: (orderId) => Promise.resolve(held.filter((r) => r.orderId === orderId)),
    },
    {
      skus: (list) => Promise.resolve(new Map([...skus].filter(([sku]) => list.includes(sku)))),
      categoryParents: () =>
        Promise.resolve(
          new Map<string, string | null>([
            ['apparel', null],
            ['t-shirts', 'apparel'],
            ['kitchen', 'home'],
            ['home', null],
          ]),
        ),
    },
    () => clock,
  );
  let clock = AT;
  return { evaluator, calls, advance: (ms: number) => (clock = new Date(clock.getTime() + ms)) };
}

const request = (overrides: Partial<EvaluationRequest> = {}): EvaluationRequest => ({
  currency: 'EUR',
  lines: [
    { sku: 'TEE', quantity: 2, unitPrice: 2000 },
    { sku: 'MUG', quantity: 1, unitPrice: 1000 },
  ],
  shipping: null,
  buyer: { signedIn: false, email: ' Guest@Example.com ', segments: [], firstOrder: true },
  codes: [],
  ...overrides,
});

describe('evaluate', () => {
  it('matches a category condition on its descendants (apparel finds the tee filed under t-shirts)', async () => {
    const apparel = record({
      action: {
        kind: 'items-off',
        target: { categoryIds: ['apparel'] },
        reduction: { kind: 'percentage', basisPoints: 1000 },
      },
    });
    const { evaluator } = setup([apparel]);
    const answer = await evaluator.evaluate(request());
    expect(answer.lineDiscounts).toEqual([400, 0]);
    expect(
      ancestorsOf(
        ['t-shirts'],
        new Map([
          ['t-shirts', 'apparel'],
          ['apparel', null],
        ]),
      ),
    ).toEqual(['t-shirts', 'apparel']);
  });

  it('takes codes in any case, names the unknown ones and counts a guest by their normalized email', async () => {
    const welcome = record({ trigger: 'code', codes: ['WELCOME10'], limits: { perCustomer: 1 } });
    const { evaluator, calls } = setup([], { WELCOME10: welcome });
    const answer = await evaluator.evaluate(request({ codes: ['welcome10', 'nope'] }));
    expect(answer.applied).toEqual([expect.objectContaining({ promotionId: welcome.id, code: 'WELCOME10' })]);
    expect(answer.unknownCodes).toEqual(['NOPE']);
    expect(calls.usageBuyer).toEqual(['e:guest@example.com']);
  });

  it('works out a first order from the paid orders, read only when a candidate has that condition', async () => {
    const firstOrder = record({ conditions: [{ kind: 'first-order' }] });
    const customer = { signedIn: true, customerId: 'c1', segments: [] };
    const paid = setup([firstOrder], {}, ['c:c1']);
    expect((await paid.evaluator.evaluate(request({ buyer: customer }))).applied).toEqual([]);
    expect(paid.calls.paidAsked).toEqual(['c:c1']);
    const fresh = setup([firstOrder], {}, ['c:someone-else']);
    expect((await fresh.evaluator.evaluate(request({ buyer: customer }))).applied).toHaveLength(1);
    const plain = setup([record()]);
    await plain.evaluator.evaluate(request({ buyer: customer }));
    expect(plain.calls.paidAsked).toEqual([]);
  });

  it('reads usage only for candidates with limits that are running and whose conditions hold', async () => {
    const limited = record({ id: 'pr_limited', limits: { redemptions: 5 } });
    const unlimited = record({ id: 'pr_unlimited' });
    const elsewhere = record({
      id: 'pr_elsewhere',
      limits: { redemptions: 5 },
      conditions: [{ kind: 'segment', segments: ['nobody'] }],
    });
    const ended = record({ id: 'pr_ended', limits: { redemptions: 5 }, endsAt: '2000-01-01T00:00:00.000Z' });
    const { evaluator, calls } = setup([limited, unlimited, elsewhere, ended]);
    await evaluator.evaluate(request());
    expect(calls.usageIds).toEqual([['pr_limited']]);
    const none = setup([unlimited, elsewhere]);
    await none.evaluator.evaluate(request());
    expect(none.calls.usageIds).toEqual([]);
  });

  it('does not hold a resumed checkout’s own reservation against it', async () => {
    const lastOne = record({ id: 'pr_last', limits: { redemptions: 1, perCustomer: 1 } });
    const own: Redemption = {
      orderId: 'ord_1',
      promotionId: 'pr_last',
      amount: 500,
      currency: 'EUR',
      buyer: 'e:guest@example.com',
      status: 'reserved',
      updatedAt: AT.toISOString(),
    };
    const taken = { redemptions: 1, budgetUsed: 500, byBuyer: 1 };
    const { evaluator } = setup([lastOne], {}, [], taken, [own]);
    expect((await evaluator.evaluate(request())).applied).toEqual([]);
    expect((await evaluator.evaluate(request({ orderId: 'ord_2' }))).applied).toEqual([]);
    expect((await evaluator.evaluate(request({ orderId: 'ord_1' }))).applied).toHaveLength(1);
  });

  it(`reads the automatic promotions again only after ${CACHE_MS} ms`, async () => {
    const { evaluator, calls, advance } = setup([record()]);
    await evaluator.evaluate(request());
    await evaluator.evaluate(request());
    expect(calls.automatic).toBe(1);
    advance(CACHE_MS + 1);
    await evaluator.evaluate(request());
    expect(calls.automatic).toBe(2);
  });
});
