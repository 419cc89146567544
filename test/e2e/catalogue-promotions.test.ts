// Catalogue promotions on the local cloud, moved by EventBridge Scheduler: a promotion with a badge that
// starts 20 s from now and ends 50 s later shows nowhere before its start, then, once its schedule fired
// (the emulator looks every 10 s), in the product's display price (the badge, what it takes off one unit,
// the price after it) and in its search document (the badge, the lower price, the base price to strike
// through), and both go back after its end. The promotion targets only this file's own product's SKU, so
// no other test's basket or price changes.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureGermanTax } from './shop.ts';
import { api, bearer, client, eventually, listenOnBus, signIn, unique } from './support.ts';

type DisplayItem = {
  sku: string;
  effective: number;
  promotion?: { promotionId: string; badge: string; amount: number; final: number };
};
type Hit = { id: string; price?: { amount: number; listAmount?: number; badge?: string } };

const PRICE = 2_000;
/** 25 % off one unit: 500. */
const BASIS_POINTS = 2_500;
const BADGE = `E2E sale ${randomUUID().slice(0, 4)}`;

/** A made-up word no other test's product contains: letters only, so the analyzers keep it whole. */
const word = (): string =>
  `zq${randomUUID()
    .replace(/-/g, '')
    .slice(0, 8)
    .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`;

let staff: Record<string, string>;
let productId: string;
let sku: string;
let name: string;
let bus: Awaited<ReturnType<typeof listenOnBus>>;

/** The product's display price for a guest in Germany (EUR, VAT included). */
async function displayItem(): Promise<DisplayItem | undefined> {
  const res = await api('GET', `/product-prices/${productId}?currency=EUR&country=DE`);
  if (res.status !== 200) return undefined;
  return (res.body.items as DisplayItem[] | undefined)?.find((i) => i.sku === sku);
}

/** The product as a guest's search for its word finds it. */
async function hit(): Promise<Hit | undefined> {
  const res = await api('GET', `/search?${new URLSearchParams({ q: name, currency: 'EUR' }).toString()}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.items as Hit[] | undefined)?.find((h) => h.id === productId);
}

beforeAll(async () => {
  const staffToken = await signIn(['staff']);
  staff = bearer(staffToken);
  await ensureGermanTax(client(staffToken));
  bus = await listenOnBus({
    source: ['commerce.promotions'],
    'detail-type': ['promotion.started', 'promotion.ended'],
  });

  name = word();
  const handle = unique('catalogue-sale');
  sku = `${handle}-one`;
  const created = await api(
    'POST',
    '/products',
    {
      handle,
      title: `Linen ${name} shirt`,
      description: 'A product of the catalogue promotion test.',
      status: 'published',
      categoryIds: [],
      attributes: {},
      options: [],
      variants: [{ sku, title: 'One size', optionValues: {} }],
      media: [],
    },
    staff,
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  productId = created.body.id as string;
  const priced = await api(
    'PUT',
    `/prices/${sku}`,
    { version: 0, prices: { EUR: { amount: PRICE, sales: [] } } },
    staff,
  );
  expect(priced.status).toBe(200);
  // Pricing and search learn the product and its price from the catalog's and pricing's events.
  await eventually(
    async () => ((await displayItem())?.effective === PRICE ? true : undefined),
    45_000,
    'pricing to learn the product',
  );
  await eventually(
    async () => ((await hit())?.price?.amount === PRICE ? true : undefined),
    45_000,
    'search to index the priced product',
  );
});

afterAll(async () => {
  await bus?.close();
});

describe('a catalogue promotion', () => {
  it('shows in the display price and the search document from its start to its end', async () => {
    const now = Date.now();
    const startsAt = new Date(now + 20_000).toISOString();
    const endsAt = new Date(now + 70_000).toISOString();
    const created = await api(
      'POST',
      '/promotions',
      {
        name: 'Catalogue sale (e2e)',
        status: 'active',
        priority: 0,
        trigger: 'automatic',
        badge: BADGE,
        startsAt,
        endsAt,
        combination: { mode: 'combinable', with: ['item', 'order', 'shipping'] },
        // Only this file's product: no other test's basket is discounted.
        action: {
          kind: 'items-off',
          target: { skus: [sku] },
          reduction: { kind: 'percentage', basisPoints: BASIS_POINTS },
        },
      },
      staff,
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const promotionId = created.body.id as string;
    expect(created.body).toMatchObject({ badge: BADGE, version: 1 });

    // Not before its start.
    expect((await displayItem())?.promotion).toBeUndefined();
    expect((await hit())?.price?.badge).toBeUndefined();

    // Its start schedule fires (within the emulator's 10 s tick), promotion.started reaches both.
    await eventually(
      async () => {
        const [item, found] = await Promise.all([displayItem(), hit()]);
        return item?.promotion && found?.price?.badge ? { item, found } : undefined;
      },
      45_000,
      'the promotion in the display price and the search document',
    ).then(({ item, found }) => {
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(startsAt));
      expect(item.promotion).toEqual({ promotionId, badge: BADGE, amount: 500, final: 1_500 });
      expect(found.price).toEqual({ currency: 'EUR', amount: 1_500, listAmount: PRICE, badge: BADGE });
    });
    const started = await bus.waitFor(
      (e) => e['detail-type'] === 'promotion.started' && e.detail.data['promotionId'] === promotionId,
      'promotion.started',
    );
    expect(started.detail.data).toMatchObject({
      version: 1,
      cause: 'start',
      offer: { badge: BADGE, target: { skus: [sku], productIds: [], categoryIds: [] } },
    });

    // Its end schedule fires, promotion.ended takes it out of both.
    await eventually(
      async () => {
        const [item, found] = await Promise.all([displayItem(), hit()]);
        return item && !item.promotion && found?.price && !found.price.badge ? { found } : undefined;
      },
      75_000,
      'the display price and the search document without the promotion',
    ).then(({ found }) => {
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(endsAt));
      expect(found.price).toEqual({ currency: 'EUR', amount: PRICE });
    });
    const ended = await bus.waitFor(
      (e) => e['detail-type'] === 'promotion.ended' && e.detail.data['promotionId'] === promotionId,
      'promotion.ended',
    );
    expect(ended.detail.data).toMatchObject({ version: 1, cause: 'end' });
    // Each edge published once (one event id each; a queue may deliver an event twice).
    await bus.drain(2_000);
    const mine = new Map(
      bus
        .seen()
        .filter((e) => e.detail.data['promotionId'] === promotionId)
        .map((e) => [e.detail.metadata.id, e['detail-type']]),
    );
    expect([...mine.values()].sort()).toEqual(['promotion.ended', 'promotion.started']);
  }, 180_000);

  it('refuses a badge on a promotion that depends on the basket (422 on /badge)', async () => {
    const refused = await api(
      'POST',
      '/promotions',
      {
        name: 'Not a catalogue promotion (e2e)',
        status: 'draft',
        priority: 0,
        trigger: 'automatic',
        badge: BADGE,
        combination: { mode: 'exclusive' },
        conditions: [{ kind: 'segment', segments: ['catalogue-e2e-nobody'] }],
        action: {
          kind: 'items-off',
          target: { skus: [sku] },
          reduction: { kind: 'percentage', basisPoints: 1 },
        },
      },
      staff,
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ pointer: '/badge' })]);
  });
});
