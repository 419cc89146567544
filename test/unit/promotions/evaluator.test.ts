// The evaluate use case on in-memory ports: candidates from automatic promotions and entered codes (any case),
// categories matched with their descendants, usage read per buyer, unknown codes named, the automatic
// promotions reused for CACHE_MS.
import { describe, expect, it } from 'vitest';
import { ancestorsOf, type SkuCopy } from '../../../functions/promotions/catalog-copy.ts';
import type { Usage } from '../../../functions/promotions/domain/engine.ts';
import type { PromotionRecord } from '../../../functions/promotions/domain/ports.ts';
import { CACHE_MS, Evaluator, type EvaluationRequest } from '../../../functions/promotions/evaluator.ts';
import { AT, promotion } from './fixtures.ts';

const record = (overrides: Partial<PromotionRecord> = {}): PromotionRecord => ({
  ...promotion(),
  codes: [],
  createdAt: AT.toISOString(),
  updatedAt: AT.toISOString(),
  ...overrides,
});

function setup(automatic: PromotionRecord[], coded: Record<string, PromotionRecord> = {}) {
  const calls = { automatic: 0, usageBuyer: [] as (string | undefined)[] };
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
        return Promise.resolve(
          new Map<string, Usage>(ids.map((id) => [id, { redemptions: 0, budgetUsed: 0, byBuyer: 0 }])),
        );
      },
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
    const welcome = record({ trigger: 'code', codes: ['WELCOME10'] });
    const { evaluator, calls } = setup([], { WELCOME10: welcome });
    const answer = await evaluator.evaluate(request({ codes: ['welcome10', 'nope'] }));
    expect(answer.applied).toEqual([expect.objectContaining({ promotionId: welcome.id, code: 'WELCOME10' })]);
    expect(answer.unknownCodes).toEqual(['NOPE']);
    expect(calls.usageBuyer).toEqual(['e:guest@example.com']);
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
