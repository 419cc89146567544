// What the search service needs from storage (its projection of the other services' data, in DynamoDB) and
// from the search engine (OpenSearch). The adapters are ../store.ts and ../engine.ts.
import type {
  Availability,
  CategoryRecord,
  CurrencyPrice,
  ProductRecord,
  RatingRecord,
  SearchDocument,
  SkuRecord,
} from './document.ts';
import type { MerchandisingRule, Synonym } from './merchandising.ts';
import type { PromotionOffer } from './promotion-offers.ts';

/** What a product item holds: the product once the catalog announced it, its rating, its document version. */
export interface ProductState {
  readonly product?: ProductRecord | undefined;
  readonly rating?: RatingRecord | undefined;
  readonly docVersion: number;
}

/**
 * Where a rating stands among the product's ratings: the aggregate version review.aggregated carries (the
 * highest wins), else the time it was announced at (the latest wins). A rating kept with a version is only
 * replaced by a higher version.
 */
export interface RatingStamp {
  readonly version?: number | undefined;
  readonly at: string;
}

/** Whether a SKU change was newer than what is kept, and the product the SKU belongs to, if known. */
export interface SkuSave {
  readonly applied: boolean;
  readonly productId?: string | undefined;
}

export interface ZeroResultQuery {
  readonly query: string;
  readonly count: number;
  readonly lastAt: string;
}

export interface ReindexJob {
  readonly id: string;
  readonly status: 'running' | 'completed' | 'failed';
  readonly index: string;
  readonly startedAt: string;
  readonly finishedAt?: string | undefined;
  readonly documents: number;
  readonly error?: string | undefined;
}

/** Each save applies only what is newer than what is kept, and says whether it did. */
export interface Projection {
  saveProduct(product: ProductRecord): Promise<boolean>;
  saveCategory(category: CategoryRecord & { readonly version: number }, deleted: boolean): Promise<boolean>;
  /**
   * A SKU's price in one currency at the SKU's price version (null: removed). Versions are kept per currency
   * because price.changed names only the currencies that changed. Answers the SKU's product if known.
   */
  saveSkuPrice(sku: string, currency: string, version: number, price: CurrencyPrice | null): Promise<SkuSave>;
  /** A segment list's price for one SKU and currency at the list's version (null: removed). */
  saveSegmentPrice(
    segment: string,
    currency: string,
    version: number,
    sku: string,
    amount: number | null,
  ): Promise<SkuSave>;
  saveSegment(segment: string, version: number, priority: number): Promise<boolean>;
  saveAvailability(sku: string, availability: Availability, at: string): Promise<SkuSave>;
  saveRating(productId: string, rating: RatingRecord, stamp: RatingStamp): Promise<boolean>;
  saveCustomerSegments(customerId: string, segments: readonly string[], version: number): Promise<void>;
  forgetCustomer(customerId: string): Promise<void>;

  /** Moves the product's document version on and answers its state after the move. */
  bumpDocument(productId: string): Promise<ProductState>;
  skus(skus: readonly string[]): Promise<Map<string, SkuRecord>>;
  categories(): Promise<Map<string, CategoryRecord>>;
  /** Segment → priority, for every segment that has a price list. */
  segmentPriorities(): Promise<Map<string, number>>;
  customerSegments(customerId: string): Promise<string[]>;
}

/** What staff manage and what search counts: synonyms, rules, zero-result queries and reindex jobs. */
export interface SearchSettings {
  settings(): Promise<{ synonyms: Synonym[]; synonymsVersion: number; rules: MerchandisingRule[] }>;
  saveSynonyms(synonyms: readonly Synonym[], expectedVersion: number): Promise<number>;
  saveRule(rule: MerchandisingRule): Promise<void>;
  deleteRule(id: string): Promise<boolean>;

  countZeroResult(query: string, at: string): Promise<void>;
  zeroResults(limit: number): Promise<ZeroResultQuery[]>;

  /** Starts a job unless one runs (a running job older than `staleAfter` counts as failed). */
  startReindex(job: ReindexJob, staleAfterMs: number): Promise<boolean>;
  finishReindex(job: ReindexJob): Promise<void>;
  reindexJob(): Promise<ReindexJob | undefined>;
}

export interface IndexedDocument {
  readonly id: string;
  readonly version: number;
  /** Undefined: the product must not be in the index. */
  readonly document: SearchDocument | undefined;
}

export interface SearchEngine {
  search(body: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Writes each document (or its removal) at its version to the live index and to one being built. */
  write(documents: readonly IndexedDocument[], onlyIndex?: string): Promise<void>;
  /** Ids of the products filed under a category or its descendants. */
  productsInCategory(categoryId: string): Promise<string[]>;
  createIndex(name: string): Promise<void>;
  /** Points the building alias at `index` (every write then goes there too). */
  startBuilding(index: string): Promise<void>;
  /** Makes `index` the one shoppers read, atomically, and drops the indices it replaces. */
  publish(index: string): Promise<string[]>;
  /** Drops a failed build. */
  abandon(index: string): Promise<void>;
  /** The live index's name, or undefined when there is none yet. */
  liveIndex(): Promise<string | undefined>;
}

/** A catalogue promotion's change as promotion.started and promotion.ended announce it. */
export interface PromotionChange {
  readonly promotionId: string;
  /** Orders the changes of one promotion (its version, then the change's own event, the start, the end). */
  readonly position: number;
  /** The offer from now on; undefined: it ended. */
  readonly offer: PromotionOffer | undefined;
}

/** The live catalogue promotions (the set is small: one Query reads it). */
export interface PromotionOffers {
  /**
   * Keeps the change when it is newer than what is kept for the promotion: `applied`, and the offer it
   * replaces (whose products need their documents rebuilt too).
   */
  save(change: PromotionChange): Promise<{ applied: boolean; before?: PromotionOffer | undefined }>;
  live(): Promise<PromotionOffer[]>;
}

/** Ids of the indexed products a catalogue promotion targets (every one when its target names none). */
export interface ProductFinder {
  productsTargeted(target: PromotionOffer['target']): Promise<string[]>;
}
