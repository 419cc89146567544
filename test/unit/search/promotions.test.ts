// Catalogue promotions in search: the document of a product a live promotion targets carries the promoted
// price (every offer: base and segment prices) with its badge and the base price for a strike-through, the
// best promotion wins, the caller's answer names the badge; promotion.started and promotion.ended are kept
// only when later than what is kept, and rebuild the documents of the products the old and new offers name.
import { describe, expect, it } from 'vitest';
import { buildDocument, type ProductRecord } from '../../../functions/search/domain/document.ts';
import type {
  ProductFinder,
  PromotionChange,
  PromotionOffers,
} from '../../../functions/search/domain/ports.ts';
import { unitDiscount } from '@commerce/lambda-kit/money';
import { bestPromotion, type PromotionOffer } from '../../../functions/search/domain/promotion-offers.ts';
import { callerPrice } from '../../../functions/search/domain/results.ts';
import { Indexer } from '../../../functions/search/indexer.ts';
import { PromotionIndexer, positionOf } from '../../../functions/search/promotion-indexer.ts';
import { MemoryProjection, MemorySearchEngine } from './memory.ts';

const NOW = new Date('2030-06-15T12:00:00.000Z');

const product = (overrides: Partial<ProductRecord> = {}): ProductRecord => ({
  id: 'p-1',
  handle: 'tee',
  title: 'Tee',
  description: 'Cotton.',
  status: 'published',
  categoryIds: ['graphic-tees'],
  attributes: {},
  options: [],
  variants: [
    { sku: 'TEE-S', title: 'S', optionValues: {} },
    { sku: 'TEE-M', title: 'M', optionValues: {} },
  ],
  media: [],
  version: 1,
  createdAt: '2030-01-01T00:00:00.000Z',
  ...overrides,
});

const offer = (overrides: Partial<PromotionOffer> = {}): PromotionOffer => ({
  promotionId: 'pr_sale',
  badge: 'Sale',
  priority: 0,
  reduction: { kind: 'percentage', basisPoints: 2000 },
  target: { skus: [], productIds: [], categoryIds: ['t-shirts', 'graphic-tees'] },
  ...overrides,
});

const tee = { sku: 'TEE-S', productId: 'p-1', categoryIds: ['graphic-tees'] };

describe('what a promotion takes off one unit', () => {
  it('a percentage rounded half up, a fixed amount up to the unit price, nothing in another currency', () => {
    expect(unitDiscount(offer({ reduction: { kind: 'percentage', basisPoints: 1250 } }), 'EUR', 1999)).toBe(
      250, // 249.875
    );
    expect(unitDiscount(offer({ reduction: { kind: 'percentage', basisPoints: 1000 } }), 'EUR', 1995)).toBe(
      200, // 199.5, half up
    );
    const fixed = offer({ reduction: { kind: 'fixed', amounts: { EUR: 500 } } });
    expect(unitDiscount(fixed, 'EUR', 1999)).toBe(500);
    expect(unitDiscount(fixed, 'EUR', 300)).toBe(300);
    expect(unitDiscount(fixed, 'USD', 1999)).toBeUndefined();
    expect(unitDiscount(offer({ currencies: ['USD'] }), 'EUR', 1999)).toBeUndefined();
  });

  it('the best of those that target the variant: most off, then priority, then id', () => {
    const ten = offer({
      promotionId: 'pr_b',
      badge: 'Ten',
      reduction: { kind: 'percentage', basisPoints: 1000 },
    });
    const twenty = offer({ promotionId: 'pr_c', badge: 'Twenty' });
    const elsewhere = offer({
      promotionId: 'pr_a',
      badge: 'Mugs',
      reduction: { kind: 'percentage', basisPoints: 5000 },
      target: { skus: ['MUG'], productIds: [], categoryIds: [] },
    });
    expect(bestPromotion([ten, twenty, elsewhere], tee, 'EUR', 1000)).toEqual({
      promotionId: 'pr_c',
      badge: 'Twenty',
      off: 200,
    });
    const same = offer({ promotionId: 'pr_a', badge: 'Same', priority: 0 });
    const higher = offer({ promotionId: 'pr_z', badge: 'Higher', priority: 9 });
    expect(bestPromotion([same, higher, twenty], tee, 'EUR', 1000)?.badge).toBe('Higher');
    expect(bestPromotion([twenty, same], tee, 'EUR', 1000)?.badge).toBe('Same');
    expect(bestPromotion([elsewhere], tee, 'EUR', 1000)).toBeUndefined();
  });
});

describe('the document of a promoted product', () => {
  it('lowers every offer it targets, names the badge and keeps the base price for a strike-through', () => {
    const document = buildDocument({
      product: product(),
      skus: new Map([
        [
          'TEE-S',
          {
            sku: 'TEE-S',
            prices: { EUR: { amount: 2000, sales: [] } },
            segmentPrices: { vip: { EUR: 1500 } },
          },
        ],
      ]),
      categories: new Map(),
      promotions: [offer()],
      now: NOW,
    });
    expect(document?.offers).toEqual([
      {
        sku: 'TEE-S',
        key: 'base|EUR',
        currency: 'EUR',
        amount: 1600,
        listAmount: 2000,
        segments: ['vip'],
        promotionId: 'pr_sale',
        badge: 'Sale',
      },
      {
        sku: 'TEE-S',
        key: 'vip|EUR',
        currency: 'EUR',
        amount: 1200,
        listAmount: 2000,
        segments: ['vip'],
        promotionId: 'pr_sale',
        badge: 'Sale',
      },
    ]);
    expect(callerPrice(document!.offers, 'EUR', [])).toEqual({
      currency: 'EUR',
      amount: 1600,
      listAmount: 2000,
      badge: 'Sale',
    });
  });

  it('leaves a product the promotion does not target as it was', () => {
    const document = buildDocument({
      product: product({ categoryIds: ['kitchen'] }),
      skus: new Map([['TEE-S', { sku: 'TEE-S', prices: { EUR: { amount: 2000, sales: [] } } }]]),
      categories: new Map(),
      promotions: [offer()],
      now: NOW,
    });
    expect(document?.offers).toEqual([
      { sku: 'TEE-S', key: 'base|EUR', currency: 'EUR', amount: 2000, listAmount: 2000, segments: [] },
    ]);
  });
});

/** The live offers in memory, with the adapter's rule: only a later position is kept. */
class MemoryOffers implements PromotionOffers {
  readonly #kept = new Map<string, PromotionChange>();

  save(change: PromotionChange) {
    const before = this.#kept.get(change.promotionId);
    if (before && before.position >= change.position) return Promise.resolve({ applied: false });
    this.#kept.set(change.promotionId, change);
    return Promise.resolve({ applied: true, before: before?.offer });
  }

  live() {
    return Promise.resolve([...this.#kept.values()].flatMap((c) => (c.offer ? [c.offer] : [])));
  }
}

describe('promotion.started and promotion.ended', () => {
  async function setUp() {
    const projection = new MemoryProjection();
    const engine = new MemorySearchEngine();
    const offers = new MemoryOffers();
    const indexer = new Indexer(projection, engine, () => NOW, offers);
    await indexer.productChanged(product());
    await indexer.skuPricesChanged('TEE-S', 1, [{ currency: 'EUR', after: { amount: 2000, sales: [] } }]);
    const asked: string[][] = [];
    const finder: ProductFinder = {
      productsTargeted: (target) => {
        asked.push([...target.skus, ...target.categoryIds]);
        return Promise.resolve(['p-1']);
      },
    };
    const promotions = new PromotionIndexer(offers, finder, indexer);
    const amount = () => engine.live().get('p-1')?.offers[0]?.amount;
    return { promotions, amount, asked, badge: () => engine.live().get('p-1')?.offers[0]?.badge };
  }

  const started = (version: number, cause: 'change' | 'start' = 'start') => ({
    promotionId: 'pr_sale',
    version,
    cause,
    offer: { ...offer(), target: { ...offer().target } },
  });
  const ended = (version: number, cause: 'change' | 'end' = 'end') => ({
    promotionId: 'pr_sale',
    version,
    cause,
    target: offer().target,
  });

  it('put the badge and the promoted price in, then take them out', async () => {
    const { promotions, amount, badge, asked } = await setUp();
    await promotions.started(started(1));
    expect([amount(), badge()]).toEqual([1600, 'Sale']);
    await promotions.ended(ended(1));
    expect([amount(), badge()]).toEqual([2000, undefined]);
    // The end rebuilt what the ended offer and what the kept one named.
    expect(asked).toHaveLength(3);
  });

  it('keep the latest: a late start of the same version after its end changes nothing', async () => {
    const { promotions, amount } = await setUp();
    await promotions.ended(ended(2));
    await promotions.started(started(2));
    await promotions.started(started(1));
    expect(amount()).toBe(2000);
    // A change of version 3 ended it at once, then its start came.
    await promotions.ended(ended(3, 'change'));
    await promotions.started(started(3));
    expect(amount()).toBe(1600);
    expect(positionOf(3, 'change')).toBeLessThan(positionOf(3, 'start'));
    expect(positionOf(3, 'end')).toBeLessThan(positionOf(4, 'change'));
  });
});
