// The prices a storefront shows for a product's variants: no segment (anonymous), in the destination's tax
// mode, with the tax contained in or added to each unit price, and the best live catalogue promotion for
// each variant (what it takes off one unit, as the cart will). Pure; no AWS.
import { bestOffer, type CatalogueOffer } from './catalogue-offers.ts';
import { effectiveUnitPrice, type PriceBook, type PriceSource } from './price-book.ts';
import { taxModeFor, taxOn, taxRateFor, type Destination, type TaxMode, type TaxTable } from './tax.ts';
import type { ProductVariantTax } from './records.ts';

export interface DisplayPrice {
  readonly sku: string;
  readonly taxClass: string;
  /** Base unit price, as the price book holds it (gross when inclusive, net when exclusive). */
  readonly original: number;
  /** What a guest pays per unit before promotions, read the same way. */
  readonly effective: number;
  readonly source: PriceSource;
  readonly taxRatePpm: number;
  /** The tax on `effective`: contained in it when inclusive, added to it when exclusive. */
  readonly tax: number;
  /** One unit with tax: `effective` when inclusive, `effective + tax` when exclusive. */
  readonly total: number;
  /** The best live catalogue promotion: per unit off `effective`, and the unit price after it (read alike). */
  readonly promotion?: {
    readonly promotionId: string;
    readonly badge: string;
    readonly amount: number;
    readonly final: number;
  };
}

export interface DisplayPrices {
  readonly taxMode: TaxMode;
  readonly items: readonly DisplayPrice[];
  /** Variants without a base price in the currency: not for sale in it. */
  readonly unpriced: readonly string[];
}

function hasBasePrice(book: PriceBook, sku: string, currency: string): boolean {
  return book.basePrices.some((p) => p.sku === sku && p.price.currency === currency);
}

export function displayPrices(
  book: PriceBook,
  taxes: TaxTable,
  request: {
    readonly currency: string;
    readonly destination: Destination;
    readonly variants: readonly ProductVariantTax[];
    readonly at: Date;
    /** The product the variants belong to and its own categories, which offers match. */
    readonly product?: { readonly productId: string; readonly categoryIds: readonly string[] };
    /** The live catalogue promotions. */
    readonly offers?: readonly CatalogueOffer[];
  },
): DisplayPrices {
  const { currency, destination, at, product, offers = [] } = request;
  const taxMode = taxModeFor(taxes, destination);
  const priced = request.variants.filter((v) => hasBasePrice(book, v.sku, currency));
  const items = priced.map(({ sku, taxClass }): DisplayPrice => {
    const price = effectiveUnitPrice(book, { sku, currency, segments: [], at });
    const taxRatePpm = taxRateFor(taxes, destination, taxClass);
    const effective = price.effective.amount;
    const tax = taxOn(effective, taxRatePpm, taxMode);
    const promotion = product && bestOffer(offers, { sku, ...product }, currency, effective, at);
    return {
      sku,
      taxClass,
      original: price.original.amount,
      effective,
      source: price.source,
      taxRatePpm,
      tax,
      total: taxMode === 'exclusive' ? effective + tax : effective,
      ...(promotion ? { promotion: { ...promotion, final: effective - promotion.amount } } : {}),
    };
  });
  const unpriced = request.variants.filter((v) => !priced.includes(v)).map((v) => v.sku);
  return { taxMode, items, unpriced };
}
