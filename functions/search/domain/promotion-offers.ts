// Catalogue promotions as search keeps them (from promotion.started, until promotion.ended): which apply to
// a product's variant in a currency, and what the best of them takes off one unit, as the cart's promotion
// engine takes it off one unit (a percentage rounded half up to the minor unit, or a fixed amount up to the
// unit price). Pure; no AWS. docs/search.md, "Catalogue promotions".
import type { CatalogueOffer } from '@commerce/events';
import { unitDiscount } from '@commerce/lambda-kit/money';

/** What promotion.started carries (the event catalog's model). */
export type PromotionOffer = CatalogueOffer;

/** A promotion applied to one unit price: its id and badge, and what it takes off. */
export interface AppliedPromotion {
  readonly promotionId: string;
  readonly badge: string;
  readonly off: number;
}

/** Whether the offer targets the variant: by its SKU, its product or one of the product's categories. */
export function targets(
  offer: PromotionOffer,
  item: { readonly sku: string; readonly productId: string; readonly categoryIds: readonly string[] },
): boolean {
  const { skus, productIds, categoryIds } = offer.target;
  if (skus.length === 0 && productIds.length === 0 && categoryIds.length === 0) return true;
  return (
    skus.includes(item.sku) ||
    productIds.includes(item.productId) ||
    item.categoryIds.some((id) => categoryIds.includes(id))
  );
}

/**
 * The best of the offers that target the item for one unit price: the largest amount off, then the higher
 * priority, then the lower promotion id (so the answer never depends on the order they were read in).
 */
export function bestPromotion(
  offers: readonly PromotionOffer[],
  item: { readonly sku: string; readonly productId: string; readonly categoryIds: readonly string[] },
  currency: string,
  unit: number,
): AppliedPromotion | undefined {
  let best: (AppliedPromotion & { priority: number }) | undefined;
  for (const offer of offers) {
    if (!targets(offer, item)) continue;
    const off = unitDiscount(offer, currency, unit);
    if (off === undefined || off <= 0) continue;
    const better =
      !best ||
      off > best.off ||
      (off === best.off &&
        (offer.priority > best.priority ||
          (offer.priority === best.priority && offer.promotionId < best.promotionId)));
    if (better) best = { promotionId: offer.promotionId, badge: offer.badge, off, priority: offer.priority };
  }
  return best && { promotionId: best.promotionId, badge: best.badge, off: best.off };
}
