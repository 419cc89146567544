// What the pricing store keeps (prices per SKU, segment price lists, the tax table, the SKUs of each
// product) and how it becomes the engine's price book. Pure; no AWS.
import { money } from '@commerce/lambda-kit/money';
import type { PriceBook, SalePrice, SegmentPriceList, SkuPrice } from './price-book.ts';
import type { TaxClass, TaxTable } from './tax.ts';

/** A product variant's tax class when the catalog names none. */
export const DEFAULT_TAX_CLASS: TaxClass = 'standard';

export interface SaleEntry {
  readonly amount: number;
  /** ISO 8601; the sale is active from validFrom (inclusive) until validUntil (exclusive). */
  readonly validFrom: string;
  readonly validUntil?: string;
}

/** A SKU's price in one currency: the base amount and its sales (kept sorted by validFrom, then amount). */
export interface CurrencyPrice {
  readonly amount: number;
  readonly sales: readonly SaleEntry[];
}

/** Every price of one SKU, by currency; versioned as one resource. */
export interface SkuPrices {
  readonly sku: string;
  readonly prices: Readonly<Record<string, CurrencyPrice>>;
  readonly version: number;
  readonly updatedAt: string;
}

export interface PriceListEntry {
  readonly sku: string;
  readonly currency: string;
  readonly amount: number;
}

/** The prices of one customer segment; versioned as one resource. */
export interface PriceList {
  readonly segment: string;
  readonly priority: number;
  readonly entries: readonly PriceListEntry[];
  readonly version: number;
  readonly updatedAt: string;
}

/** The tax table; version 0 (and no updatedAt) until staff first set it. */
export interface VersionedTaxTable extends TaxTable {
  readonly version: number;
  readonly updatedAt?: string;
}

export interface ProductVariantTax {
  readonly sku: string;
  readonly taxClass: TaxClass;
}

/** What pricing knows of a catalog product: its SKUs, learned from product.created and product.updated. */
export interface ProductSkus {
  readonly productId: string;
  readonly status: 'draft' | 'published' | 'archived';
  /** The catalog's version of the product, so an older event never overwrites a newer one. */
  readonly productVersion: number;
  readonly variants: readonly ProductVariantTax[];
  /** The product's own categories, which catalogue promotions match (absent: learned before they were kept). */
  readonly categoryIds?: readonly string[];
}

/** Sales in one canonical order, so that equal prices compare equal. */
export function canonicalPrice(price: CurrencyPrice): CurrencyPrice {
  const sales = [...price.sales].sort(
    (a, b) =>
      a.validFrom.localeCompare(b.validFrom) ||
      a.amount - b.amount ||
      (a.validUntil ?? '\uffff').localeCompare(b.validUntil ?? '\uffff'),
  );
  return { amount: price.amount, sales };
}

/** The engine's price book over the given SKU prices and segment lists (only entries for `skus` when given). */
export function priceBookOf(
  skuPrices: readonly SkuPrices[],
  lists: readonly PriceList[],
  skus?: ReadonlySet<string>,
): PriceBook {
  const basePrices: SkuPrice[] = [];
  const salePrices: SalePrice[] = [];
  for (const { sku, prices } of skuPrices) {
    for (const [currency, price] of Object.entries(prices)) {
      basePrices.push({ sku, price: money(price.amount, currency) });
      for (const sale of price.sales) {
        salePrices.push({
          sku,
          price: money(sale.amount, currency),
          validFrom: sale.validFrom,
          ...(sale.validUntil !== undefined ? { validUntil: sale.validUntil } : {}),
        });
      }
    }
  }
  const segmentLists: SegmentPriceList[] = lists.map((list) => ({
    segment: list.segment,
    priority: list.priority,
    prices: list.entries
      .filter((e) => skus === undefined || skus.has(e.sku))
      .map((e) => ({ sku: e.sku, price: money(e.amount, e.currency) })),
  }));
  return { basePrices, salePrices, segmentLists };
}

/** The product attribute that names its tax class (for all its variants); 'standard' when absent. */
export const TAX_CLASS_ATTRIBUTE = 'taxClass';

/** What pricing keeps of a catalog product snapshot. */
export function productSkusOf(product: {
  readonly id: string;
  readonly status: ProductSkus['status'];
  readonly version: number;
  readonly attributes: Readonly<Record<string, string>>;
  readonly variants: readonly { readonly sku: string }[];
  readonly categoryIds?: readonly string[];
}): ProductSkus {
  const named = product.attributes[TAX_CLASS_ATTRIBUTE]?.trim();
  const taxClass = named ? named : DEFAULT_TAX_CLASS;
  return {
    productId: product.id,
    status: product.status,
    productVersion: product.version,
    variants: product.variants.map((v) => ({ sku: v.sku, taxClass })),
    ...(product.categoryIds ? { categoryIds: [...product.categoryIds] } : {}),
  };
}
