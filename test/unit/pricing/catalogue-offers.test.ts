// Catalogue promotions in display prices: the best live offer for each variant in the currency (by SKU,
// product or the product's own categories), per unit exactly what the cart's promotion engine takes off one
// unit, the unit price after it read like `effective`; offers kept only when later than what is kept, and
// the live ones read at most once per CACHE_MS.
import { unitDiscount } from '@commerce/lambda-kit/money';
import { describe, expect, it } from 'vitest';
import { bestOffer, type CatalogueOffer } from '../../../functions/pricing/domain/catalogue-offers.ts';
import { displayPrices } from '../../../functions/pricing/domain/display-price.ts';
import type { OfferChange, OfferStore } from '../../../functions/pricing/domain/ports.ts';
import { priceBookOf, productSkusOf } from '../../../functions/pricing/domain/records.ts';
import type { TaxTable } from '../../../functions/pricing/domain/tax.ts';
import { CACHE_MS, LiveOffers } from '../../../functions/pricing/offers.ts';
import { evaluate } from '../../../functions/promotions/domain/engine.ts';
import { basket, line, promotion } from '../promotions/fixtures.ts';

const at = new Date('2026-06-15T00:00:00.000Z');

const book = priceBookOf(
  [
    {
      sku: 'TEE-S',
      prices: {
        EUR: {
          amount: 2_999,
          sales: [{ amount: 2_499, validFrom: '2026-06-01T00:00:00.000Z' }],
        },
        USD: { amount: 3_200, sales: [] },
      },
      version: 1,
      updatedAt: '2026-06-01T00:00:00.000Z',
    },
    {
      sku: 'TEE-M',
      prices: { EUR: { amount: 3_999, sales: [] } },
      version: 1,
      updatedAt: '2026-06-01T00:00:00.000Z',
    },
  ],
  [],
);

const taxes: TaxTable = {
  rules: [
    { country: 'DE', taxClass: 'standard', ratePpm: 190_000 },
    { country: 'US', region: 'US-NY', taxClass: 'standard', ratePpm: 88_750 },
  ],
  modes: [
    { country: 'DE', mode: 'inclusive' },
    { country: 'US', mode: 'exclusive' },
  ],
};

const offer = (overrides: Partial<CatalogueOffer> = {}): CatalogueOffer => ({
  promotionId: 'pr_sale',
  badge: 'Sale',
  priority: 0,
  reduction: { kind: 'percentage', basisPoints: 2_000 },
  target: { skus: [], productIds: [], categoryIds: ['t-shirts', 'graphic-tees'] },
  startsAt: '2026-06-14T00:00:00.000Z',
  endsAt: '2026-06-16T00:00:00.000Z',
  ...overrides,
});

const variants = [
  { sku: 'TEE-S', taxClass: 'standard' },
  { sku: 'TEE-M', taxClass: 'standard' },
];
const product = { productId: 'p-tee', categoryIds: ['graphic-tees'] };

const shown = (offers: CatalogueOffer[], country = 'DE', currency = 'EUR', when = at) =>
  displayPrices(book, taxes, {
    currency,
    destination: country === 'US' ? { country, region: 'US-NY' } : { country },
    variants,
    at: when,
    product,
    offers,
  }).items.map((i) => [i.sku, i.effective, i.promotion]);

describe('display prices with a catalogue promotion', () => {
  it('take the best live offer off the price a guest pays, read like it (gross in Germany)', () => {
    expect(shown([offer()])).toEqual([
      ['TEE-S', 2_499, { promotionId: 'pr_sale', badge: 'Sale', amount: 500, final: 1_999 }], // 499.8
      ['TEE-M', 3_999, { promotionId: 'pr_sale', badge: 'Sale', amount: 800, final: 3_199 }], // 799.8
    ]);
  });

  it('off the net price where tax is added (New York), in a currency the offer has an amount in', () => {
    const fixed = offer({ reduction: { kind: 'fixed', amounts: { USD: 500 } } });
    expect(shown([fixed], 'US', 'USD')).toEqual([
      ['TEE-S', 3_200, { promotionId: 'pr_sale', badge: 'Sale', amount: 500, final: 2_700 }],
    ]);
    expect(shown([fixed])).toEqual([
      ['TEE-S', 2_499, undefined],
      ['TEE-M', 3_999, undefined],
    ]);
    expect(shown([offer({ currencies: ['USD'] })])).toEqual([
      ['TEE-S', 2_499, undefined],
      ['TEE-M', 3_999, undefined],
    ]);
  });

  it('match the SKU, the product or its own categories, and only within the window', () => {
    const bySku = offer({ target: { skus: ['TEE-M'], productIds: [], categoryIds: [] } });
    expect(shown([bySku]).map(([sku, , p]) => [sku, p !== undefined])).toEqual([
      ['TEE-S', false],
      ['TEE-M', true],
    ]);
    const byProduct = offer({ target: { skus: [], productIds: ['p-tee'], categoryIds: [] } });
    expect(shown([byProduct]).every(([, , p]) => p !== undefined)).toBe(true);
    const elsewhere = offer({ target: { skus: [], productIds: [], categoryIds: ['kitchen'] } });
    expect(shown([elsewhere]).every(([, , p]) => p === undefined)).toBe(true);
    expect(shown([offer()], 'DE', 'EUR', new Date('2026-06-16T00:00:00.000Z'))).toEqual([
      ['TEE-S', 2_499, undefined],
      ['TEE-M', 3_999, undefined],
    ]);
  });

  it('show the offer that takes most off; a fixed amount never more than the unit', () => {
    const fixed = offer({
      promotionId: 'pr_fixed',
      badge: 'Fixed',
      reduction: { kind: 'fixed', amounts: { EUR: 9_000 } },
    });
    expect(bestOffer([offer(), fixed], { sku: 'TEE-S', ...product }, 'EUR', 2_499, at)).toEqual({
      promotionId: 'pr_fixed',
      badge: 'Fixed',
      amount: 2_499,
    });
  });

  it('take off one unit exactly what the cart’s promotion engine takes off one unit', () => {
    for (const unit of [1, 5, 99, 1_995, 2_499, 12_345, 99_999]) {
      for (const basisPoints of [1, 333, 1_250, 2_000, 5_000, 9_999, 10_000]) {
        const reduction = { kind: 'percentage' as const, basisPoints };
        const cart = evaluate(basket([line('TEE-S', unit)]), [
          {
            promotion: promotion({
              action: { kind: 'items-off', target: { skus: ['TEE-S'] }, reduction },
            }),
          },
        ]);
        expect(unitDiscount(offer({ reduction }), 'EUR', unit), `${unit} at ${basisPoints}`).toBe(
          cart.lineDiscounts[0],
        );
      }
      const reduction = { kind: 'fixed' as const, amounts: { EUR: 1_000 } };
      const cart = evaluate(basket([line('TEE-S', unit)]), [
        { promotion: promotion({ action: { kind: 'items-off', target: {}, reduction } }) },
      ]);
      expect(unitDiscount(offer({ reduction }), 'EUR', unit)).toBe(cart.lineDiscounts[0]);
    }
  });
});

describe('what pricing keeps of a product', () => {
  it('its own categories, which offers match', () => {
    const snapshot = {
      id: 'p-tee',
      status: 'published' as const,
      version: 2,
      attributes: {},
      variants: [{ sku: 'TEE-S' }],
      categoryIds: ['graphic-tees'],
    };
    expect(productSkusOf(snapshot).categoryIds).toEqual(['graphic-tees']);
  });
});

class MemoryOffers implements OfferStore {
  readonly kept = new Map<string, OfferChange>();
  reads = 0;

  save(change: OfferChange): Promise<boolean> {
    const before = this.kept.get(change.promotionId);
    if (before && before.position >= change.position) return Promise.resolve(false);
    this.kept.set(change.promotionId, change);
    return Promise.resolve(true);
  }

  live(): Promise<CatalogueOffer[]> {
    this.reads++;
    return Promise.resolve([...this.kept.values()].flatMap((c) => (c.offer ? [c.offer] : [])));
  }
}

describe('the live offers', () => {
  const started = (version: number, cause: 'change' | 'start') => ({
    promotionId: 'pr_sale',
    version,
    cause,
    offer: { ...offer(), target: { ...offer().target } },
  });
  const ended = (version: number, cause: 'change' | 'end') => ({
    promotionId: 'pr_sale',
    version,
    cause,
    target: offer().target,
  });

  it('keep the latest change of a promotion: a late start after its end changes nothing', async () => {
    let now = 0;
    const store = new MemoryOffers();
    const offers = new LiveOffers(store, () => now);
    expect(await offers.started(started(1, 'start'))).toBe(true);
    expect(await offers.live()).toHaveLength(1);
    expect(await offers.ended(ended(1, 'end'))).toBe(true);
    expect(await offers.started(started(1, 'start'))).toBe(false);
    expect(await offers.started(started(1, 'change'))).toBe(false);
    // Reused within CACHE_MS, read again after it.
    expect(await offers.live()).toHaveLength(1);
    now += CACHE_MS + 1;
    expect(await offers.live()).toHaveLength(0);
    expect(store.reads).toBe(2);
    expect(await offers.started(started(2, 'change'))).toBe(true);
  });
});
