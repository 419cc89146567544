// What pricing needs from storage. The DynamoDB adapter (../store.ts) implements it; every staff write takes
// the version it replaces (0: there must be none) and the outbox items of what it announces, and commits
// them in one transaction (VersionConflictError when the version moved).
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { CatalogueOffer } from './catalogue-offers.ts';
import type { PriceBook } from './price-book.ts';
import type { PriceList, ProductSkus, SkuPrices, VersionedTaxTable } from './records.ts';
import type { TaxClass, TaxTable } from './tax.ts';

/** What a quote or a display price needs: the price book over the SKUs, the tax table, each SKU's class. */
export interface PricingInputs {
  readonly book: PriceBook;
  readonly taxes: TaxTable;
  readonly taxClassOf: (sku: string) => TaxClass;
}

export interface PricingStore {
  getSkuPrices(sku: string): Promise<SkuPrices | undefined>;
  /** The prices of each SKU asked for that has any (order not kept), in one round trip. */
  listSkuPrices(skus: readonly string[]): Promise<SkuPrices[]>;
  saveSkuPrices(prices: SkuPrices, expectedVersion: number, outbox: readonly OutboxItem[]): Promise<void>;
  getPriceList(segment: string): Promise<PriceList | undefined>;
  savePriceList(list: PriceList, expectedVersion: number, outbox: readonly OutboxItem[]): Promise<void>;
  /** Every segment's price list, by segment name. */
  listPriceLists(): Promise<PriceList[]>;
  /** The tax table; empty at version 0 until first set. */
  getTaxTable(): Promise<VersionedTaxTable>;
  saveTaxTable(
    table: VersionedTaxTable,
    expectedVersion: number,
    outbox: readonly OutboxItem[],
  ): Promise<void>;
  getProduct(productId: string): Promise<ProductSkus | undefined>;
  /**
   * Records a product's SKUs and status over `previous` (what getProduct returned); VersionConflictError if
   * it changed meanwhile.
   */
  saveProduct(product: ProductSkus, previous: ProductSkus | undefined): Promise<void>;
  /** Everything needed to price `skus` for a customer in `segments`, in one round trip. */
  loadPricing(skus: readonly string[], segments: readonly string[]): Promise<PricingInputs>;
}

/** A catalogue promotion's change as promotion.started and promotion.ended announce it. */
export interface OfferChange {
  readonly promotionId: string;
  /** Orders the changes of one promotion (its version, then the change's own event, the start, the end). */
  readonly position: number;
  /** The offer from now on; undefined: it ended. */
  readonly offer: CatalogueOffer | undefined;
}

/** The live catalogue promotions, one item each (the set is small: one Query reads it). */
export interface OfferStore {
  /** Keeps the change when it is later than what is kept for the promotion; false when it is not. */
  save(change: OfferChange): Promise<boolean>;
  live(): Promise<CatalogueOffer[]>;
}
