// Catalogue promotions as pricing keeps them (from promotion.started, until promotion.ended): which apply to
// a product's variant in a currency at a moment, and what the best of them takes off one unit, exactly as
// the cart's promotion engine takes it off one unit: a percentage of the unit price rounded half up to the
// minor unit, or a fixed amount up to the unit price. Pure; no AWS. docs/pricing.md, "Catalogue promotions".
import type { CatalogueOffer } from '@commerce/events';
import { unitDiscount } from '@commerce/lambda-kit/money';

/** What promotion.started carries (the event catalog's model). */
export type { CatalogueOffer };

/** A variant as offers match it: its SKU, its product and the product's own categories. */
export interface OfferItem {
  readonly sku: string;
  readonly productId: string;
  readonly categoryIds: readonly string[];
}

/** The promotion a display price shows: what it takes off one unit. */
export interface UnitPromotion {
  readonly promotionId: string;
  readonly badge: string;
  readonly amount: number;
}

function targets(offer: CatalogueOffer, item: OfferItem): boolean {
  const { skus, productIds, categoryIds } = offer.target;
  if (skus.length === 0 && productIds.length === 0 && categoryIds.length === 0) return true;
  return (
    skus.includes(item.sku) ||
    productIds.includes(item.productId) ||
    item.categoryIds.some((id) => categoryIds.includes(id))
  );
}

/** Within its window at `at` (the events move it; the window makes the end exact to the millisecond). */
function runs(offer: CatalogueOffer, at: Date): boolean {
  const now = at.getTime();
  return (
    (offer.startsAt === undefined || Date.parse(offer.startsAt) <= now) &&
    (offer.endsAt === undefined || now < Date.parse(offer.endsAt))
  );
}

/**
 * The best live offer for one unit of the item: the largest amount off, then the higher priority, then the
 * lower promotion id (the answer never depends on the order the offers were read in).
 */
export function bestOffer(
  offers: readonly CatalogueOffer[],
  item: OfferItem,
  currency: string,
  unit: number,
  at: Date,
): UnitPromotion | undefined {
  let best: (UnitPromotion & { readonly priority: number }) | undefined;
  for (const offer of offers) {
    if (!runs(offer, at) || !targets(offer, item)) continue;
    const amount = unitDiscount(offer, currency, unit);
    if (amount === undefined || amount <= 0) continue;
    if (
      !best ||
      amount > best.amount ||
      (amount === best.amount &&
        (offer.priority > best.priority ||
          (offer.priority === best.priority && offer.promotionId < best.promotionId)))
    ) {
      best = { promotionId: offer.promotionId, badge: offer.badge, amount, priority: offer.priority };
    }
  }
  return best && { promotionId: best.promotionId, badge: best.badge, amount: best.amount };
}
