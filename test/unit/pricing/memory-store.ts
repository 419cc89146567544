// The pricing store port in memory: a write over a version that moved is refused (as the DynamoDB condition
// would refuse it) and writes nothing; each committed write keeps the events its outbox carried. Pricing
// inputs are built from what it holds, unless a test hands in its own loader.
import { VersionConflictError } from '@commerce/lambda-kit/errors';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { PricingInputs, PricingStore } from '../../../functions/pricing/domain/ports.ts';
import {
  DEFAULT_TAX_CLASS,
  priceBookOf,
  type PriceList,
  type ProductSkus,
  type SkuPrices,
  type VersionedTaxTable,
} from '../../../functions/pricing/domain/records.ts';

/** An event as the outbox relay will publish it. */
export interface Published {
  readonly detailType: string;
  readonly metadata: { readonly correlationId: string; readonly occurredAt: string };
  readonly data: unknown;
}

export class MemoryPricingStore implements PricingStore {
  readonly prices = new Map<string, SkuPrices>();
  readonly lists = new Map<string, PriceList>();
  taxTable: VersionedTaxTable = { rules: [], modes: [], version: 0 };
  readonly products = new Map<string, ProductSkus>();
  readonly published: Published[] = [];
  writes = 0;
  readonly #load: PricingStore['loadPricing'] | undefined;

  constructor(options: { loadPricing?: PricingStore['loadPricing'] } = {}) {
    this.#load = options.loadPricing;
  }

  getSkuPrices(sku: string): Promise<SkuPrices | undefined> {
    return Promise.resolve(this.prices.get(sku));
  }

  listSkuPrices(skus: readonly string[]): Promise<SkuPrices[]> {
    return Promise.resolve([...this.prices.values()].filter((p) => skus.includes(p.sku)));
  }

  saveSkuPrices(prices: SkuPrices, expectedVersion: number, outbox: readonly OutboxItem[]): Promise<void> {
    this.#assertVersion(this.prices.get(prices.sku), expectedVersion);
    this.prices.set(prices.sku, prices);
    return this.#commit(outbox);
  }

  getPriceList(segment: string): Promise<PriceList | undefined> {
    return Promise.resolve(this.lists.get(segment));
  }

  savePriceList(list: PriceList, expectedVersion: number, outbox: readonly OutboxItem[]): Promise<void> {
    this.#assertVersion(this.lists.get(list.segment), expectedVersion);
    this.lists.set(list.segment, list);
    return this.#commit(outbox);
  }

  listPriceLists(): Promise<PriceList[]> {
    return Promise.resolve([...this.lists.values()].sort((a, b) => a.segment.localeCompare(b.segment)));
  }

  getTaxTable(): Promise<VersionedTaxTable> {
    return Promise.resolve(this.taxTable);
  }

  saveTaxTable(
    table: VersionedTaxTable,
    expectedVersion: number,
    outbox: readonly OutboxItem[],
  ): Promise<void> {
    this.#assertVersion(this.taxTable.version === 0 ? undefined : this.taxTable, expectedVersion);
    this.taxTable = table;
    return this.#commit(outbox);
  }

  getProduct(productId: string): Promise<ProductSkus | undefined> {
    return Promise.resolve(this.products.get(productId));
  }

  saveProduct(product: ProductSkus, previous: ProductSkus | undefined): Promise<void> {
    if (this.products.get(product.productId)?.productVersion !== previous?.productVersion) {
      throw new VersionConflictError();
    }
    this.products.set(product.productId, product);
    this.writes++;
    return Promise.resolve();
  }

  loadPricing(skus: readonly string[], segments: readonly string[]): Promise<PricingInputs> {
    if (this.#load) return this.#load(skus, segments);
    const taxClasses = new Map(
      [...this.products.values()].flatMap((p) => p.variants.map((v) => [v.sku, v.taxClass] as const)),
    );
    return Promise.resolve({
      book: priceBookOf(
        [...this.prices.values()].filter((p) => skus.includes(p.sku)),
        [...this.lists.values()].filter((l) => segments.includes(l.segment)),
        new Set(skus),
      ),
      taxes: { rules: this.taxTable.rules, modes: this.taxTable.modes },
      taxClassOf: (sku) => taxClasses.get(sku) ?? DEFAULT_TAX_CLASS,
    });
  }

  /** The write replaces the version it read: 0 when there must be nothing yet. */
  #assertVersion(stored: { readonly version: number } | undefined, expectedVersion: number): void {
    if ((stored?.version ?? 0) !== expectedVersion) throw new VersionConflictError();
  }

  #commit(outbox: readonly OutboxItem[]): Promise<void> {
    this.writes++;
    for (const item of outbox) {
      const detail = JSON.parse(item.detail) as Pick<Published, 'metadata' | 'data'>;
      this.published.push({ detailType: item.detailType, ...detail });
    }
    return Promise.resolve();
  }
}
