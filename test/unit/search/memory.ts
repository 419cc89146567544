// The search service's ports in memory. The projection keeps versions as the DynamoDB store does: a save
// applies only when its version (or time) is greater than the one kept, per product, category, segment,
// SKU price currency, segment price, availability and rating. The engine keeps per id the document at the
// highest version and refuses a write at a version not above it, as OpenSearch external versioning does.
import type {
  Availability,
  CategoryRecord,
  CurrencyPrice,
  ProductRecord,
  RatingRecord,
  SkuRecord,
} from '../../../functions/search/domain/document.ts';
import type {
  IndexedDocument,
  Projection,
  ProductState,
  RatingStamp,
  SearchEngine,
  SkuSave,
} from '../../../functions/search/domain/ports.ts';

/** A value kept under the version (or time) it was announced at. */
interface Versioned<V, T> {
  readonly version: V;
  readonly value: T;
}

interface ProductItem {
  product?: Versioned<number, ProductRecord>;
  /** Kept at the time it was announced and, when the event carried one, its aggregate version. */
  rating?: Versioned<string, RatingRecord> & { readonly aggregateVersion?: number | undefined };
  docVersion: number;
}

interface SkuItem {
  productId?: string;
  /** Per currency; a removed price keeps its version with a null value. */
  readonly prices: Map<string, Versioned<number, CurrencyPrice | null>>;
  /** Per `<segment>#<currency>`. */
  readonly segmentPrices: Map<string, Versioned<number, number | null>>;
  availability?: Versioned<string, Availability>;
}

/** Whether a change at `version` is newer than what is kept (nothing kept: always). */
function newer<V extends number | string>(kept: { readonly version: V } | undefined, version: V): boolean {
  return kept === undefined || kept.version < version;
}

export class MemoryProjection implements Projection {
  readonly products = new Map<string, ProductItem>();
  readonly skuItems = new Map<string, SkuItem>();
  readonly categoryItems = new Map<string, Versioned<number, CategoryRecord & { deleted: boolean }>>();
  readonly segments = new Map<string, Versioned<number, number>>();
  readonly customers = new Map<string, Versioned<number, readonly string[]>>();

  #product(id: string): ProductItem {
    let item = this.products.get(id);
    if (!item) this.products.set(id, (item = { docVersion: 0 }));
    return item;
  }

  #sku(sku: string): SkuItem {
    let item = this.skuItems.get(sku);
    if (!item) this.skuItems.set(sku, (item = { prices: new Map(), segmentPrices: new Map() }));
    return item;
  }

  #skuSave(sku: string, applied: boolean): SkuSave {
    if (!applied) return { applied: false };
    const productId = this.skuItems.get(sku)?.productId;
    return { applied: true, ...(productId === undefined ? {} : { productId }) };
  }

  saveProduct(product: ProductRecord): Promise<boolean> {
    const item = this.#product(product.id);
    if (!newer(item.product, product.version)) return Promise.resolve(false);
    item.product = { version: product.version, value: product };
    // As the DynamoDB store does: price and stock events name SKUs, so each SKU learns its product.
    for (const v of product.variants) this.#sku(v.sku).productId = product.id;
    return Promise.resolve(true);
  }

  saveCategory(category: CategoryRecord & { readonly version: number }, deleted: boolean): Promise<boolean> {
    if (!newer(this.categoryItems.get(category.id), category.version)) return Promise.resolve(false);
    const { id, name, parentId } = category;
    this.categoryItems.set(id, { version: category.version, value: { id, name, parentId, deleted } });
    return Promise.resolve(true);
  }

  saveSkuPrice(
    sku: string,
    currency: string,
    version: number,
    price: CurrencyPrice | null,
  ): Promise<SkuSave> {
    const item = this.#sku(sku);
    const applied = newer(item.prices.get(currency), version);
    if (applied) item.prices.set(currency, { version, value: price });
    return Promise.resolve(this.#skuSave(sku, applied));
  }

  saveSegmentPrice(
    segment: string,
    currency: string,
    version: number,
    sku: string,
    amount: number | null,
  ): Promise<SkuSave> {
    const item = this.#sku(sku);
    const key = `${segment}#${currency}`;
    const applied = newer(item.segmentPrices.get(key), version);
    if (applied) item.segmentPrices.set(key, { version, value: amount });
    return Promise.resolve(this.#skuSave(sku, applied));
  }

  saveSegment(segment: string, version: number, priority: number): Promise<boolean> {
    if (!newer(this.segments.get(segment), version)) return Promise.resolve(false);
    this.segments.set(segment, { version, value: priority });
    return Promise.resolve(true);
  }

  saveAvailability(sku: string, availability: Availability, at: string): Promise<SkuSave> {
    const item = this.#sku(sku);
    const applied = newer(item.availability, at);
    if (applied) item.availability = { version: at, value: availability };
    return Promise.resolve(this.#skuSave(sku, applied));
  }

  saveRating(productId: string, rating: RatingRecord, stamp: RatingStamp): Promise<boolean> {
    const item = this.#product(productId);
    const kept = item.rating;
    // As the DynamoDB store does: by aggregate version when the event carries one, else by time, and a
    // rating kept with a version is only replaced by a higher version.
    const applies =
      stamp.version === undefined
        ? kept?.aggregateVersion === undefined && newer(kept, stamp.at)
        : kept?.aggregateVersion === undefined || kept.aggregateVersion < stamp.version;
    if (!applies) return Promise.resolve(false);
    item.rating = { version: stamp.at, value: rating, aggregateVersion: stamp.version };
    return Promise.resolve(true);
  }

  saveCustomerSegments(customerId: string, segments: readonly string[], version: number): Promise<void> {
    if (newer(this.customers.get(customerId), version)) {
      this.customers.set(customerId, { version, value: [...segments] });
    }
    return Promise.resolve();
  }

  forgetCustomer(customerId: string): Promise<void> {
    // A tombstone at the highest version, so a late update cannot revive the customer.
    this.customers.set(customerId, { version: Number.MAX_SAFE_INTEGER, value: [] });
    return Promise.resolve();
  }

  bumpDocument(productId: string): Promise<ProductState> {
    const item = this.#product(productId);
    item.docVersion += 1;
    return Promise.resolve({
      ...(item.product ? { product: item.product.value } : {}),
      ...(item.rating ? { rating: item.rating.value } : {}),
      docVersion: item.docVersion,
    });
  }

  skus(skus: readonly string[]): Promise<Map<string, SkuRecord>> {
    const records = new Map<string, SkuRecord>();
    for (const sku of new Set(skus)) {
      const item = this.skuItems.get(sku);
      if (!item) continue;
      const prices: Record<string, CurrencyPrice> = {};
      for (const [currency, p] of item.prices) if (p.value !== null) prices[currency] = p.value;
      const segmentPrices: Record<string, Record<string, number>> = {};
      for (const [key, p] of item.segmentPrices) {
        const [segment, currency] = key.split('#') as [string, string];
        if (p.value !== null) (segmentPrices[segment] ??= {})[currency] = p.value;
      }
      records.set(sku, {
        sku,
        prices,
        segmentPrices,
        ...(item.availability ? { availability: item.availability.value } : {}),
      });
    }
    return Promise.resolve(records);
  }

  categories(): Promise<Map<string, CategoryRecord>> {
    const live = [...this.categoryItems.values()].filter((c) => !c.value.deleted);
    return Promise.resolve(
      new Map(live.map(({ value: { id, name, parentId } }) => [id, { id, name, parentId }])),
    );
  }

  segmentPriorities(): Promise<Map<string, number>> {
    return Promise.resolve(new Map([...this.segments].map(([segment, s]) => [segment, s.value])));
  }

  customerSegments(customerId: string): Promise<string[]> {
    return Promise.resolve([...(this.customers.get(customerId)?.value ?? [])]);
  }
}

/** What one index holds of a product: its document, or a removal, at a version. */
type Stored = IndexedDocument;

export class MemorySearchEngine implements SearchEngine {
  /** Index name → product id → what is stored (a removal stays as a tombstone at its version). */
  readonly indices = new Map<string, Map<string, Stored>>();
  readonly searches: Record<string, unknown>[] = [];
  #live: string | undefined;
  #building: string | undefined;

  /** The documents shoppers would find in the live index, by id. */
  live(): Map<string, NonNullable<Stored['document']>> {
    const found = new Map<string, NonNullable<Stored['document']>>();
    for (const [id, stored] of this.indices.get(this.#live ?? '') ?? []) {
      if (stored.document) found.set(id, stored.document);
    }
    return found;
  }

  search(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    this.searches.push(body);
    return Promise.resolve({ hits: { total: { value: 0, relation: 'eq' }, hits: [] }, aggregations: {} });
  }

  write(documents: readonly IndexedDocument[], onlyIndex?: string): Promise<void> {
    // As the adapter does: the first write creates the live index.
    if (this.#live === undefined && onlyIndex === undefined) {
      this.#live = 'products-initial';
      this.#create(this.#live);
    }
    const targets = onlyIndex
      ? [onlyIndex]
      : [this.#live!, ...(this.#building === undefined ? [] : [this.#building])];
    for (const index of targets) {
      const stored = this.indices.get(index);
      if (!stored) throw new Error(`No index ${index}`);
      for (const d of documents) {
        // External versioning: only a strictly greater version replaces what is there (else a 409).
        if (newer(stored.get(d.id), d.version)) stored.set(d.id, d);
      }
    }
    return Promise.resolve();
  }

  productsInCategory(categoryId: string): Promise<string[]> {
    const ids = [...this.live()].filter(([, d]) => d.categoryPath.includes(categoryId)).map(([id]) => id);
    return Promise.resolve(ids);
  }

  #create(name: string): void {
    if (this.indices.has(name)) throw new Error(`Index ${name} exists`);
    this.indices.set(name, new Map());
  }

  createIndex(name: string): Promise<void> {
    this.#create(name);
    return Promise.resolve();
  }

  startBuilding(index: string): Promise<void> {
    this.#building = index;
    return Promise.resolve();
  }

  publish(index: string): Promise<string[]> {
    const previous = this.#live === undefined || this.#live === index ? [] : [this.#live];
    for (const old of previous) this.indices.delete(old);
    this.#live = index;
    if (this.#building === index) this.#building = undefined;
    return Promise.resolve(previous);
  }

  abandon(index: string): Promise<void> {
    this.indices.delete(index);
    if (this.#building === index) this.#building = undefined;
    return Promise.resolve();
  }

  liveIndex(): Promise<string | undefined> {
    return Promise.resolve(this.#live);
  }
}
