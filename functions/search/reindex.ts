// Reindex without downtime: a new index is built from the owning services' own data (catalog, pricing,
// inventory; never from the old index) behind the building alias, which the indexer also writes to
// meanwhile; shoppers keep reading the old index until the new one is complete, refreshed, and the read
// alias moves to it in one atomic step. docs/search.md, "Reindexing".
import { ConflictError } from '@commerce/lambda-kit/errors';
import type { Availability, CategoryRecord, CurrencyPrice, ProductRecord } from './domain/document.ts';
import { newIndexName } from './domain/index-design.ts';
import type { Projection, ReindexJob, SearchEngine, SearchSettings } from './domain/ports.ts';
import type { Indexer } from './indexer.ts';

/** The owning services' data, read through their internal functions. */
export interface ReindexSource {
  categories(): Promise<(CategoryRecord & { readonly version: number })[]>;
  products(cursor: string | undefined): Promise<{ items: ProductRecord[]; nextCursor?: string | undefined }>;
  prices(skus: readonly string[]): Promise<{
    prices: { sku: string; version: number; prices: Record<string, CurrencyPrice> }[];
    segments: {
      segment: string;
      version: number;
      priority: number;
      entries: { sku: string; currency: string; amount: number }[];
    }[];
  }>;
  availability(skus: readonly string[]): Promise<{ sku: string; availability: Availability }[]>;
}

/** A running job older than this is taken as dead (the worker's timeout is 15 minutes). */
export const REINDEX_STALE_MS = 16 * 60_000;
const SKU_CHUNK = 500;
/** Products gathered from the catalog's pages before their prices and availability are read. */
const BATCH = 200;
const WRITE_CONCURRENCY = 16;

async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

export class Reindexer {
  readonly #projection: Projection;
  readonly #settings: SearchSettings;
  readonly #engine: SearchEngine;
  readonly #indexer: Indexer;
  readonly #source: ReindexSource;
  readonly #prefix: string;
  readonly #now: () => Date;

  constructor(deps: {
    projection: Projection;
    settings: SearchSettings;
    engine: SearchEngine;
    indexer: Indexer;
    source: ReindexSource;
    prefix: string;
    now?: () => Date;
  }) {
    this.#projection = deps.projection;
    this.#settings = deps.settings;
    this.#engine = deps.engine;
    this.#indexer = deps.indexer;
    this.#source = deps.source;
    this.#prefix = deps.prefix;
    this.#now = deps.now ?? (() => new Date());
  }

  /** Records a new job, or refuses (409) while one runs. The caller then runs it (`run`). */
  async start(): Promise<ReindexJob> {
    const at = this.#now();
    const job: ReindexJob = {
      id: `rx_${at.getTime().toString(36)}`,
      status: 'running',
      index: newIndexName(this.#prefix, at),
      startedAt: at.toISOString(),
      documents: 0,
    };
    if (!(await this.#settings.startReindex(job, REINDEX_STALE_MS))) {
      throw new ConflictError('A reindex is running; wait for it to finish.', 'reindex-running');
    }
    return job;
  }

  async status(): Promise<ReindexJob | undefined> {
    return this.#settings.reindexJob();
  }

  /** Builds the job's index and publishes it; on failure the old index stays live and the new one goes. */
  async run(job: ReindexJob): Promise<ReindexJob> {
    try {
      await this.#engine.createIndex(job.index);
      await this.#engine.startBuilding(job.index);
      const categories = await this.#source.categories();
      await inBatches(categories, WRITE_CONCURRENCY, (c) => this.#projection.saveCategory(c, false));
      let documents = 0;
      let cursor: string | undefined;
      // Export pages may hold few products (the catalog scans its table): gather a batch before pricing and
      // inventory are asked.
      let batch: ProductRecord[] = [];
      do {
        const page = await this.#source.products(cursor);
        batch.push(...page.items);
        cursor = page.nextCursor;
        if (batch.length >= BATCH || cursor === undefined) {
          documents += await this.#page(batch, job.index);
          batch = [];
        }
      } while (cursor !== undefined);
      await this.#engine.publish(job.index);
      const done: ReindexJob = {
        ...job,
        status: 'completed',
        documents,
        finishedAt: this.#now().toISOString(),
      };
      await this.#settings.finishReindex(done);
      return done;
    } catch (error) {
      await this.#engine.abandon(job.index).catch(() => undefined);
      const failed: ReindexJob = {
        ...job,
        status: 'failed',
        error: error instanceof Error ? error.message.slice(0, 500) : 'unknown error',
        finishedAt: this.#now().toISOString(),
      };
      await this.#settings.finishReindex(failed);
      throw error;
    }
  }

  /** One page of products: the projection learns the services' current data, then the documents are built. */
  async #page(products: readonly ProductRecord[], index: string): Promise<number> {
    await inBatches(products, WRITE_CONCURRENCY, (p) => this.#projection.saveProduct(p));
    const published = products.filter((p) => p.status === 'published');
    const skus = [...new Set(published.flatMap((p) => p.variants.map((v) => v.sku)))];
    for (let i = 0; i < skus.length; i += SKU_CHUNK) {
      const chunk = skus.slice(i, i + SKU_CHUNK);
      // Read before asking, so an availability event announced after the read is newer than what it gives.
      const readAt = this.#now().toISOString();
      const [prices, availability] = await Promise.all([
        this.#source.prices(chunk),
        this.#source.availability(chunk),
      ]);
      const writes: (() => Promise<unknown>)[] = [];
      for (const p of prices.prices) {
        for (const [currency, price] of Object.entries(p.prices)) {
          writes.push(() => this.#projection.saveSkuPrice(p.sku, currency, p.version, price));
        }
      }
      for (const s of prices.segments) {
        writes.push(() => this.#projection.saveSegment(s.segment, s.version, s.priority));
        for (const e of s.entries) {
          writes.push(() =>
            this.#projection.saveSegmentPrice(s.segment, e.currency, s.version, e.sku, e.amount),
          );
        }
      }
      for (const a of availability) {
        writes.push(() => this.#projection.saveAvailability(a.sku, a.availability, readAt));
      }
      await inBatches(writes, WRITE_CONCURRENCY, (w) => w());
    }
    return this.#indexer.refresh(
      published.map((p) => p.id),
      index,
    );
  }
}
