// The indexer's use cases: each event is kept in the projection only when it is newer than what is kept
// there (versions per product, per SKU price and currency, per segment price and per rating aggregate; times
// for availability and for ratings announced without a version), and then the product's document is rebuilt
// from the projection and written at a version that only moves forward, so a late or repeated event never
// overwrites a newer document. Live catalogue promotions are one more part, read like the others
// (promotion-indexer.ts keeps them). docs/search.md, "The freshness path".
import {
  buildDocument,
  type Availability,
  type CurrencyPrice,
  type ProductRecord,
  type RatingRecord,
} from './domain/document.ts';
import type {
  IndexedDocument,
  Projection,
  PromotionOffers,
  RatingStamp,
  SearchEngine,
  SkuSave,
} from './domain/ports.ts';

/** Products rebuilt at once after a category change. */
const REFRESH_CONCURRENCY = 8;

export class Indexer {
  readonly #projection: Projection;
  readonly #engine: SearchEngine;
  readonly #now: () => Date;
  readonly #promotions: Pick<PromotionOffers, 'live'> | undefined;

  constructor(
    projection: Projection,
    engine: SearchEngine,
    now: () => Date = () => new Date(),
    promotions?: Pick<PromotionOffers, 'live'>,
  ) {
    this.#projection = projection;
    this.#engine = engine;
    this.#now = now;
    this.#promotions = promotions;
  }

  async productChanged(product: ProductRecord): Promise<void> {
    if (await this.#projection.saveProduct(product)) await this.refresh([product.id]);
  }

  async categoryChanged(
    category: { id: string; name: string; parentId: string | null; version: number },
    deleted: boolean,
  ): Promise<void> {
    if (!(await this.#projection.saveCategory(category, deleted))) return;
    await this.refresh(await this.#engine.productsInCategory(category.id));
  }

  async skuPricesChanged(
    sku: string,
    version: number,
    changes: readonly { currency: string; after: CurrencyPrice | null }[],
  ): Promise<void> {
    const saves = await Promise.all(
      changes.map((c) => this.#projection.saveSkuPrice(sku, c.currency, version, c.after)),
    );
    await this.#refreshSaved(saves);
  }

  async segmentPricesChanged(
    segment: string,
    version: number,
    priority: number,
    changes: readonly { sku: string; currency: string; after: number | null }[],
  ): Promise<void> {
    await this.#projection.saveSegment(segment, version, priority);
    const saves = await Promise.all(
      changes.map((c) => this.#projection.saveSegmentPrice(segment, c.currency, version, c.sku, c.after)),
    );
    await this.#refreshSaved(saves);
  }

  async availabilityChanged(sku: string, availability: Availability, at: string): Promise<void> {
    await this.#refreshSaved([await this.#projection.saveAvailability(sku, availability, at)]);
  }

  async ratingChanged(productId: string, rating: RatingRecord, stamp: RatingStamp): Promise<void> {
    if (await this.#projection.saveRating(productId, rating, stamp)) await this.refresh([productId]);
  }

  async #refreshSaved(saves: readonly SkuSave[]): Promise<void> {
    const ids = saves.filter((s) => s.applied && s.productId !== undefined).map((s) => s.productId!);
    await this.refresh([...new Set(ids)]);
  }

  /**
   * Rebuilds the documents of `productIds` from the projection. Each product's version is moved on before
   * its parts are read, so the document written at the highest version holds every change saved before it.
   */
  async refresh(productIds: readonly string[], onlyIndex?: string): Promise<number> {
    if (productIds.length === 0) return 0;
    const documents: IndexedDocument[] = [];
    for (let i = 0; i < productIds.length; i += REFRESH_CONCURRENCY) {
      const ids = productIds.slice(i, i + REFRESH_CONCURRENCY);
      const states = await Promise.all(ids.map((id) => this.#projection.bumpDocument(id)));
      // Read after the versions moved on, like every other part (a category renamed meanwhile is seen).
      const [categories, promotions] = await Promise.all([
        this.#projection.categories(),
        this.#promotions?.live() ?? [],
      ]);
      const built = await Promise.all(
        ids.map(async (id, at): Promise<IndexedDocument | undefined> => {
          const state = states[at]!;
          if (!state.product) return undefined;
          const skus = await this.#projection.skus(state.product.variants.map((v) => v.sku));
          return {
            id,
            version: state.docVersion,
            document: buildDocument({
              product: state.product,
              skus,
              categories,
              rating: state.rating,
              promotions,
              now: this.#now(),
            }),
          };
        }),
      );
      documents.push(...built.filter((d) => d !== undefined));
    }
    await this.#engine.write(documents, onlyIndex);
    return documents.length;
  }
}
