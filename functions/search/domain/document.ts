// The search document of one product, built from what the search service keeps of the catalog, pricing,
// inventory and reviews (its projection). Pure; no AWS. docs/search.md, "The document".
//
// Prices are kept as offers, one per variant, currency and price source (`base`, or a segment's list), so a
// query can pick, per variant, exactly the price its caller pays (query.ts `offerFilter`) and filter, sort
// and count on it without scripts. A live catalogue promotion lowers the offers it targets (the price paid
// is what filters and sorts use) and names its badge; `listAmount` keeps the base price for a strike-through.
import { bestPromotion, type AppliedPromotion, type PromotionOffer } from './promotion-offers.ts';

export type ProductStatus = 'draft' | 'published' | 'archived';
export type Availability = 'in_stock' | 'low_stock' | 'out_of_stock';

export interface ProductRecord {
  readonly id: string;
  readonly handle: string;
  readonly title: string;
  readonly description: string;
  readonly status: ProductStatus;
  readonly categoryIds: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
  readonly options: readonly { readonly name: string; readonly values: readonly string[] }[];
  readonly variants: readonly {
    readonly sku: string;
    readonly title: string;
    readonly optionValues: Readonly<Record<string, string>>;
  }[];
  readonly media: readonly {
    readonly key: string;
    readonly alt?: string | undefined;
    readonly url?: string | undefined;
    readonly thumbnails?: readonly { readonly url: string; readonly type: string }[] | undefined;
  }[];
  readonly version: number;
  readonly createdAt: string;
}

export interface SalePrice {
  readonly amount: number;
  readonly validFrom: string;
  readonly validUntil?: string | undefined;
}

export interface CurrencyPrice {
  readonly amount: number;
  readonly sales: readonly SalePrice[];
}

/** What search keeps of one SKU: its base prices, its segment prices and its availability. */
export interface SkuRecord {
  readonly sku: string;
  readonly prices?: Readonly<Record<string, CurrencyPrice>> | undefined;
  /** Segment → currency → amount, for the segment lists that price this SKU. */
  readonly segmentPrices?: Readonly<Record<string, Readonly<Record<string, number>>>> | undefined;
  readonly availability?: Availability | undefined;
}

export interface CategoryRecord {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
}

export interface RatingRecord {
  readonly average: number;
  readonly count: number;
}

export interface Offer {
  readonly sku: string;
  /** `base|EUR` or `<segment>|EUR`. */
  readonly key: string;
  readonly currency: string;
  readonly amount: number;
  /** The base amount of the same variant and currency (for a strike-through), when known. */
  readonly listAmount?: number;
  /** The segments whose lists price this variant in this currency (which offer applies to whom). */
  readonly segments: readonly string[];
  /** The catalogue promotion `amount` is after, and its badge. */
  readonly promotionId?: string;
  readonly badge?: string;
}

export interface SearchDocument {
  readonly id: string;
  readonly handle: string;
  readonly title: string;
  readonly description: string;
  readonly skus: readonly string[];
  readonly attributeText: readonly string[];
  /** `Name:Value` of every attribute and option value: the attribute facets. */
  readonly facets: readonly string[];
  readonly categoryIds: readonly string[];
  /** The product's categories and all their ancestors: a filter on a category finds its descendants. */
  readonly categoryPath: readonly string[];
  readonly categoryNames: readonly string[];
  readonly offers: readonly Offer[];
  readonly currencies: readonly string[];
  readonly variants: readonly { readonly sku: string; readonly title: string; availability: Availability }[];
  readonly availability: Availability;
  readonly inStock: boolean;
  readonly rating: number;
  readonly reviewCount: number;
  readonly image?: string;
  readonly createdAt: string;
  readonly suggest: { readonly input: readonly string[]; readonly weight: number };
}

export const BASE_KEY = 'base';
export const offerKey = (source: string, currency: string): string => `${source}|${currency}`;

/** The amount a SKU sells for in a currency at `now`: its base amount or its lowest active sale. */
export function effectiveAmount(price: CurrencyPrice, now: Date): number {
  const at = now.getTime();
  let amount = price.amount;
  for (const sale of price.sales) {
    const active =
      Date.parse(sale.validFrom) <= at && (sale.validUntil === undefined || at < Date.parse(sale.validUntil));
    if (active && sale.amount < amount) amount = sale.amount;
  }
  return amount;
}

/** The product's categories with every ancestor, each once (a broken or cyclic parent chain stops). */
export function categoryPath(
  ids: readonly string[],
  categories: ReadonlyMap<string, CategoryRecord>,
): string[] {
  const path = new Set<string>();
  for (const id of ids) {
    let current: string | null = id;
    while (current !== null && !path.has(current)) {
      path.add(current);
      current = categories.get(current)?.parentId ?? null;
    }
  }
  return [...path];
}

const RANK: Record<Availability, number> = { in_stock: 2, low_stock: 1, out_of_stock: 0 };

/** The best availability among the variants: a product is in stock when any variant is. */
export function bestAvailability(classes: readonly Availability[]): Availability {
  return classes.reduce<Availability>((best, a) => (RANK[a] > RANK[best] ? a : best), 'out_of_stock');
}

/** What the best live catalogue promotion makes of a unit price in a currency (none: nothing). */
export type Promote = (currency: string, amount: number) => AppliedPromotion | undefined;

/** An offer at `amount`, lowered by the promotion that applies to it, which it then names. */
function promoted(offer: Omit<Offer, 'amount'>, amount: number, promote: Promote | undefined): Offer {
  const promotion = promote?.(offer.currency, amount);
  if (!promotion) return { ...offer, amount };
  return {
    ...offer,
    amount: amount - promotion.off,
    promotionId: promotion.promotionId,
    badge: promotion.badge,
  };
}

/**
 * Offers of one variant: its base price per currency and each segment list's, as pricing would charge, each
 * lowered by the best live catalogue promotion for it (`promote`). A currency without a base price has
 * none: pricing refuses to sell the SKU in it, segment price or not.
 */
export function variantOffers(sku: SkuRecord, now: Date, promote?: Promote): Offer[] {
  const offers: Offer[] = [];
  const segmentPrices = sku.segmentPrices ?? {};
  for (const currency of Object.keys(sku.prices ?? {}).sort()) {
    const base = sku.prices![currency]!;
    const baseAmount = effectiveAmount(base, now);
    const segments = Object.keys(segmentPrices)
      .filter((s) => segmentPrices[s]?.[currency] !== undefined)
      .sort();
    const list = { listAmount: base.amount };
    offers.push(
      promoted(
        { sku: sku.sku, key: offerKey(BASE_KEY, currency), currency, ...list, segments },
        baseAmount,
        promote,
      ),
    );
    for (const segment of segments) {
      const amount = segmentPrices[segment]![currency]!;
      offers.push(
        promoted(
          { sku: sku.sku, key: offerKey(segment, currency), currency, ...list, segments },
          // Pricing charges a segment member the lowest of the base, an active sale and the list's price;
          // promotions take off what that leaves.
          Math.min(baseAmount, amount),
          promote,
        ),
      );
    }
  }
  return offers;
}

/** Completion inputs: the title and its word tails, so "wool" completes "Merino Wool Sweater". */
export function suggestInputs(title: string): string[] {
  const words = title.split(/\s+/).filter(Boolean);
  const inputs = words.map((_, i) => words.slice(i).join(' ')).filter((s) => s.length >= 2);
  return [...new Set(inputs)].slice(0, 6);
}

/**
 * The document of a product, or undefined when it must not be in the index (not published). `now` fixes
 * which sales are active; `promotions` are the live catalogue promotions.
 */
export function buildDocument(input: {
  readonly product: ProductRecord;
  readonly skus: ReadonlyMap<string, SkuRecord>;
  readonly categories: ReadonlyMap<string, CategoryRecord>;
  readonly rating?: RatingRecord | undefined;
  readonly promotions?: readonly PromotionOffer[] | undefined;
  readonly now: Date;
}): SearchDocument | undefined {
  const { product, skus, categories, rating, promotions = [], now } = input;
  if (product.status !== 'published') return undefined;
  const variants = product.variants.map((v) => ({
    sku: v.sku,
    title: v.title,
    availability: skus.get(v.sku)?.availability ?? 'out_of_stock',
  }));
  const offers = product.variants.flatMap((v) => {
    const item = { sku: v.sku, productId: product.id, categoryIds: product.categoryIds };
    const promote: Promote | undefined =
      promotions.length === 0
        ? undefined
        : (currency, amount) => bestPromotion(promotions, item, currency, amount);
    return variantOffers(skus.get(v.sku) ?? { sku: v.sku }, now, promote);
  });
  const facets = new Set<string>();
  for (const [name, value] of Object.entries(product.attributes)) facets.add(`${name}:${value}`);
  for (const option of product.options) {
    for (const value of option.values) facets.add(`${option.name}:${value}`);
  }
  const path = categoryPath(product.categoryIds, categories);
  const availability = bestAvailability(variants.map((v) => v.availability));
  // The main image's square WebP thumbnail (every browser shows WebP), else its main file; products from
  // before the media service have only the object key.
  const main = product.media[0];
  const image = main?.thumbnails?.find((t) => t.type === 'image/webp')?.url ?? main?.url ?? main?.key;
  return {
    id: product.id,
    handle: product.handle,
    title: product.title,
    description: product.description,
    skus: product.variants.map((v) => v.sku),
    attributeText: [...facets].map((f) => f.replace(':', ' ')),
    facets: [...facets],
    categoryIds: [...product.categoryIds],
    categoryPath: path,
    categoryNames: path.map((id) => categories.get(id)?.name).filter((n) => n !== undefined),
    offers,
    currencies: [...new Set(offers.map((o) => o.currency))].sort(),
    variants,
    availability,
    inStock: availability !== 'out_of_stock',
    rating: rating?.average ?? 0,
    reviewCount: rating?.count ?? 0,
    ...(image === undefined ? {} : { image }),
    createdAt: product.createdAt,
    // Shoppers are offered what they can buy first.
    suggest: { input: suggestInputs(product.title), weight: availability === 'out_of_stock' ? 1 : 10 },
  };
}
