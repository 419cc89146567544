// Catalogue promotions: which promotions may carry a badge (422 on /badge otherwise), their offer with the
// categories expanded to their descendants, the events a change publishes with itself, the schedules it
// (re)writes (after the change, whose transaction carries the event), and the fired edge on in-memory ports:
// published once per version, a stale or repeated fire publishes nothing.
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import { describe, expect, it } from 'vitest';
import {
  CataloguePromotions,
  type EdgeFired,
  type EdgeLedger,
  type Schedules,
} from '../../../functions/promotions/catalogue.ts';
import {
  catalogueOffer,
  catalogueRefusal,
  edgesAfter,
  isLive,
  withDescendants,
} from '../../../functions/promotions/domain/catalogue.ts';
import type {
  PromotionRecord,
  PromotionStore,
  RedemptionLedger,
} from '../../../functions/promotions/domain/ports.ts';
import type { Condition } from '../../../functions/promotions/domain/promotion.ts';
import { Promotions } from '../../../functions/promotions/promotions.ts';
import { promotionBody } from '../../../functions/promotions/schemas.ts';
import { AT, promotion } from './fixtures.ts';

const minutes = (n: number) => new Date(AT.getTime() + n * 60_000).toISOString();

/** apparel ⊃ t-shirts ⊃ graphic-tees; kitchen alone. */
const PARENTS = new Map<string, string | null>([
  ['apparel', null],
  ['t-shirts', 'apparel'],
  ['graphic-tees', 't-shirts'],
  ['kitchen', null],
]);

const sale = (overrides: Partial<PromotionRecord> = {}): PromotionRecord => ({
  ...promotion({
    badge: 'Sale',
    priority: 5,
    action: {
      kind: 'items-off',
      target: { skus: ['MUG-1'], categoryIds: ['t-shirts'] },
      reduction: { kind: 'percentage', basisPoints: 2000 },
    },
  }),
  codes: [],
  createdAt: AT.toISOString(),
  updatedAt: AT.toISOString(),
  ...overrides,
});

describe('which promotions are catalogue promotions', () => {
  it('an automatic items-off promotion whose only conditions are currencies', () => {
    const currency: Condition = { kind: 'currency', currencies: ['EUR'] };
    expect(catalogueRefusal(sale({ conditions: [currency] }))).toBeUndefined();
    expect(catalogueRefusal(sale({ trigger: 'code' }))).toMatch(/automatic/);
    expect(
      catalogueRefusal(sale({ action: { kind: 'order-off', reduction: { kind: 'fixed', amounts: {} } } })),
    ).toMatch(/items-off/);
    for (const condition of [
      { kind: 'segment', segments: ['vip'] },
      { kind: 'subtotal-at-least', amounts: { EUR: 5000 } },
      { kind: 'quantity-at-least', quantity: 2, target: {} },
      { kind: 'first-order' },
      { kind: 'signed-in' },
      { kind: 'shipping-country', countries: ['DE'] },
    ] satisfies Condition[]) {
      expect(catalogueRefusal(sale({ conditions: [currency, condition] })), condition.kind).toMatch(
        condition.kind,
      );
    }
  });

  it('refuses a badge on any other promotion: 422 rule-violation on /badge', () => {
    const body = {
      name: 'Ten off orders',
      status: 'active',
      priority: 1,
      trigger: 'automatic',
      badge: 'Sale',
      combination: { mode: 'exclusive' },
      action: { kind: 'order-off', reduction: { kind: 'percentage', basisPoints: 1000 } },
    };
    const refused = promotionBody.safeParse(body);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues).toEqual([
      expect.objectContaining({ path: ['badge'], params: { rule: true } }),
    ]);
    const accepted = promotionBody.safeParse({
      ...body,
      action: { kind: 'items-off', target: {}, reduction: { kind: 'percentage', basisPoints: 1000 } },
      conditions: [{ kind: 'currency', currencies: ['EUR'] }],
    });
    expect(accepted.success).toBe(true);
    expect(promotionBody.safeParse({ ...body, badge: undefined }).success).toBe(true);
  });
});

describe('the offer', () => {
  it('expands the target’s categories to every descendant and keeps the currency conditions', () => {
    const offer = catalogueOffer(
      sale({
        conditions: [
          { kind: 'currency', currencies: ['EUR', 'USD'] },
          { kind: 'currency', currencies: ['EUR', 'GBP'] },
        ],
        startsAt: minutes(1),
        endsAt: minutes(2),
      }),
      PARENTS,
    );
    expect(offer).toMatchObject({
      badge: 'Sale',
      priority: 5,
      reduction: { kind: 'percentage', basisPoints: 2000 },
      target: { skus: ['MUG-1'], productIds: [], categoryIds: ['t-shirts', 'graphic-tees'] },
      currencies: ['EUR'],
      startsAt: minutes(1),
      endsAt: minutes(2),
    });
    expect(withDescendants(['apparel', 'unknown'], PARENTS).sort()).toEqual([
      'apparel',
      'graphic-tees',
      't-shirts',
      'unknown',
    ]);
  });

  it('is none for a promotion without a badge, or one that may not carry it', () => {
    expect(catalogueOffer(sale({ badge: undefined }), PARENTS)).toBeUndefined();
    expect(catalogueOffer(sale({ trigger: 'code' }), PARENTS)).toBeUndefined();
  });

  it('is live while active within its window; only its edges still to come get schedules', () => {
    const windowed = sale({ startsAt: minutes(-1), endsAt: minutes(1) });
    expect(isLive(windowed, AT)).toBe(true);
    expect(isLive(windowed, new Date(minutes(1)))).toBe(false);
    expect(isLive({ ...windowed, status: 'draft' }, AT)).toBe(false);
    expect(edgesAfter(windowed, AT)).toEqual([{ edge: 'end', at: new Date(minutes(1)) }]);
    expect(edgesAfter(sale({ startsAt: minutes(5) }), AT)).toEqual([
      { edge: 'start', at: new Date(minutes(5)) },
    ]);
    expect(edgesAfter({ ...windowed, status: 'archived' }, AT)).toEqual([]);
  });
});

/** The promotion item's version and fired edge, with the DynamoDB adapter's condition. */
class MemoryEdges implements EdgeLedger {
  readonly published: { detailType: string; data: Record<string, unknown> }[] = [];
  readonly #fired = new Map<string, { edge: string; version: number }>();
  readonly #records: Map<string, PromotionRecord>;

  constructor(records: Map<string, PromotionRecord>) {
    this.#records = records;
  }

  record(fired: EdgeFired, outbox: readonly OutboxItem[]): Promise<boolean> {
    const last = this.#fired.get(fired.promotionId);
    const done = last?.version === fired.version && (fired.edge === 'start' || last.edge === 'end');
    if (this.#records.get(fired.promotionId)?.version !== fired.version || done) {
      return Promise.resolve(false);
    }
    this.#fired.set(fired.promotionId, { edge: fired.edge, version: fired.version });
    for (const item of outbox) {
      const detail = JSON.parse(item.detail) as { data: Record<string, unknown> };
      this.published.push({ detailType: item.detailType, data: detail.data });
    }
    return Promise.resolve(true);
  }
}

function setup(now: Date = AT) {
  const records = new Map<string, PromotionRecord>();
  const edges = new MemoryEdges(records);
  const schedules: string[] = [];
  const fake: Schedules = {
    put: (name, at, input) => {
      schedules.push(`put ${name} ${at.toISOString()} v${input.version}`);
      return Promise.resolve();
    },
    remove: (name) => {
      schedules.push(`remove ${name}`);
      return Promise.resolve();
    },
  };
  const catalogue = new CataloguePromotions({
    store: { get: (id) => Promise.resolve(records.get(id)) },
    edges,
    schedules: fake,
    categories: () => Promise.resolve(PARENTS),
    clock: () => now,
  });
  return { records, edges, schedules, catalogue };
}

const context = { correlationId: 'test' };
const dataOf = (items: readonly OutboxItem[]) =>
  items.map((i) => ({
    detailType: i.detailType,
    data: (JSON.parse(i.detail) as { data: Record<string, unknown> }).data,
  }));

describe('a change of a catalogue promotion', () => {
  it('publishes started with itself when the promotion is live after it, ended when it stopped one', async () => {
    const { catalogue } = setup();
    const live = sale({ startsAt: minutes(-1), endsAt: minutes(10) });
    const started = dataOf(await catalogue.changeEvents(undefined, live, context, AT));
    expect(started.map((e) => e.detailType)).toEqual(['promotion.started']);
    expect(started[0]!.data).toMatchObject({ promotionId: live.id, version: 1, cause: 'change' });
    const archived = { ...live, status: 'archived' as const, version: 2 };
    expect(dataOf(await catalogue.changeEvents(live, archived, context, AT))).toEqual([
      {
        detailType: 'promotion.ended',
        data: {
          promotionId: live.id,
          version: 2,
          cause: 'change',
          target: { skus: ['MUG-1'], productIds: [], categoryIds: ['t-shirts', 'graphic-tees'] },
        },
      },
    ]);
    expect(await catalogue.changeEvents(undefined, sale({ startsAt: minutes(5) }), context, AT)).toEqual([]);
    expect(await catalogue.changeEvents(undefined, sale({ badge: undefined }), context, AT)).toEqual([]);
  });

  it('schedules the edges still to come for its version and removes the others', async () => {
    const { catalogue, schedules } = setup();
    const coming = sale({ startsAt: minutes(5), endsAt: minutes(10), version: 3 });
    await catalogue.reschedule(undefined, coming, AT);
    expect(schedules.sort()).toEqual([
      `put ${coming.id}-end ${minutes(10)} v3`,
      `put ${coming.id}-start ${minutes(5)} v3`,
    ]);
    schedules.length = 0;
    await catalogue.reschedule(coming, { ...coming, badge: undefined, version: 4 }, AT);
    expect(schedules.sort()).toEqual([`remove ${coming.id}-end`, `remove ${coming.id}-start`]);
    schedules.length = 0;
    await catalogue.reschedule(undefined, sale({ badge: undefined }), AT);
    expect(schedules).toEqual([]);
  });
});

describe('a fired edge', () => {
  it('publishes started, then ended, once each, for the current version only', async () => {
    const { records, edges, catalogue } = setup();
    const p = sale({ startsAt: AT.toISOString(), endsAt: minutes(10), version: 2 });
    records.set(p.id, p);

    expect(await catalogue.fired({ promotionId: p.id, edge: 'start', version: 1 }, context)).toBe('stale');
    expect(await catalogue.fired({ promotionId: p.id, edge: 'start', version: 2 }, context)).toBe(
      'published',
    );
    expect(await catalogue.fired({ promotionId: p.id, edge: 'start', version: 2 }, context)).toBe('repeated');
    expect(await catalogue.fired({ promotionId: p.id, edge: 'end', version: 2 }, context)).toBe('published');
    expect(await catalogue.fired({ promotionId: p.id, edge: 'end', version: 2 }, context)).toBe('repeated');
    // A start delivered after the end changes nothing.
    expect(await catalogue.fired({ promotionId: p.id, edge: 'start', version: 2 }, context)).toBe('repeated');
    expect(edges.published.map((e) => [e.detailType, e.data['cause'], e.data['version']])).toEqual([
      ['promotion.started', 'start', 2],
      ['promotion.ended', 'end', 2],
    ]);
    expect(edges.published[0]!.data['offer']).toMatchObject({ promotionId: p.id, badge: 'Sale' });
  });

  it('does nothing for a promotion gone, archived, without its badge, or a start that comes after the end', async () => {
    const { records, edges, catalogue } = setup(new Date(minutes(20)));
    const fire = (promotionId: string): Promise<string> =>
      catalogue.fired({ promotionId, edge: 'start', version: 1 }, context);
    const archived = sale({ status: 'archived' });
    const plain = sale({ badge: undefined });
    const over = sale({ startsAt: minutes(1), endsAt: minutes(10) });
    for (const p of [archived, plain, over]) records.set(p.id, p);

    expect(await fire('pr_gone')).toBe('stale');
    expect(await fire(archived.id)).toBe('stale');
    expect(await fire(plain.id)).toBe('stale');
    expect(await fire(over.id)).toBe('stale');
    expect(edges.published).toEqual([]);
  });
});

describe('staff saving a catalogue promotion', () => {
  it('publishes started in the transaction that creates a live one, then writes its end schedule', async () => {
    const { catalogue, schedules } = setup();
    const committed: string[][] = [];
    const store = {
      create: (_record: PromotionRecord, outbox: readonly OutboxItem[]) => {
        committed.push(outbox.map((o) => o.detailType));
        return Promise.resolve('created' as const);
      },
    } as unknown as PromotionStore;
    const promotions = new Promotions(store, {} as RedemptionLedger, () => AT, catalogue);
    const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...content } = sale({ endsAt: minutes(30) });
    const created = await promotions.create(content, context);
    expect(committed).toEqual([['promotion.created', 'promotion.started']]);
    expect(schedules.sort()).toEqual([
      `put ${created.id}-end ${minutes(30)} v1`,
      `remove ${created.id}-start`,
    ]);
  });
});
