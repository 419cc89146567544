// The catalog store port in memory: refuses a write where the DynamoDB transaction's conditions would
// (stale version, taken handle or SKU, unknown category, category still in use), and keeps the events each
// committed write carried in its outbox.
import {
  ConflictError,
  NotFoundError,
  UnprocessableError,
  VersionConflictError,
} from '@commerce/lambda-kit/errors';
import type { EventActor } from '@commerce/lambda-kit/publisher';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { Category } from '../../../functions/catalog/domain/category.ts';
import type { CatalogStore, Change, Page } from '../../../functions/catalog/domain/ports.ts';
import { countedCategories, type Product } from '../../../functions/catalog/domain/product.ts';

/** An event as the outbox relay will publish it. */
export interface Published {
  readonly source: string;
  readonly detailType: string;
  readonly metadata: {
    readonly correlationId: string;
    readonly causationId?: string;
    readonly occurredAt: string;
  };
  readonly data: unknown;
}

export class MemoryCatalogStore implements CatalogStore {
  readonly products = new Map<string, Product>();
  readonly categories = new Map<string, Category>();
  readonly published: Published[] = [];
  /** Who made each item's last change, by product or category id (the store's `changedBy`). */
  readonly changedBy = new Map<string, EventActor | undefined>();
  writes = 0;
  /** Runs once, right after the next product read: another writer getting in between read and write. */
  interleave: (() => void) | undefined;

  getProduct(id: string): Promise<Product | undefined> {
    const product = this.products.get(id);
    const other = this.interleave;
    this.interleave = undefined;
    other?.();
    return Promise.resolve(product);
  }

  getProductByHandle(handle: string): Promise<Product | undefined> {
    return Promise.resolve([...this.products.values()].find((p) => p.handle === handle));
  }

  listPublishedProducts(query: {
    categoryId?: string;
    limit: number;
    startKey?: Record<string, string | number>;
  }): Promise<Page<Product>> {
    const listed = [...this.products.values()]
      .filter((p) => p.status === 'published')
      .filter((p) => query.categoryId === undefined || p.categoryIds.includes(query.categoryId))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    const from = Number(query.startKey?.offset ?? 0);
    const items = listed.slice(from, from + query.limit);
    const next = from + items.length;
    return Promise.resolve({ items, ...(next < listed.length ? { lastKey: { offset: next } } : {}) });
  }

  /** By id, a page of `limit` at a time; the last key is shaped like the table's (pk and sk). */
  listAllProducts(query: {
    limit: number;
    startKey?: Record<string, string | number>;
  }): Promise<Page<Product>> {
    const after = query.startKey ? String(query.startKey.pk).slice('PRODUCT#'.length) : undefined;
    const all = [...this.products.values()]
      .sort((a, b) => a.id.localeCompare(b.id))
      .filter((p) => after === undefined || p.id.localeCompare(after) > 0);
    const items = all.slice(0, query.limit);
    const last = items.at(-1);
    return Promise.resolve({
      items,
      ...(last && all.length > items.length ? { lastKey: { pk: `PRODUCT#${last.id}`, sk: 'PRODUCT' } } : {}),
    });
  }

  createProduct(product: Product, outbox: readonly OutboxItem[], by?: EventActor): Promise<void> {
    if (this.products.has(product.id)) throw new NotFoundError('The resource no longer exists.');
    this.#assertFree(product);
    this.products.set(product.id, product);
    this.changedBy.set(product.id, by);
    return this.#commit(outbox);
  }

  saveProductChange(change: Change<Product>, outbox: readonly OutboxItem[], by?: EventActor): Promise<void> {
    if (this.products.get(change.after.id)?.version !== change.before.version) {
      throw new VersionConflictError();
    }
    this.#assertFree(change.after);
    this.products.set(change.after.id, change.after);
    this.changedBy.set(change.after.id, by);
    return this.#commit(outbox);
  }

  listCategories(): Promise<Category[]> {
    return Promise.resolve([...this.categories.values()]);
  }

  getCategory(id: string): Promise<Category | undefined> {
    return Promise.resolve(this.categories.get(id));
  }

  createCategory(category: Category, outbox: readonly OutboxItem[], by?: EventActor): Promise<void> {
    this.changedBy.set(category.id, by);
    this.#assertSlugFree(category);
    if (category.parentId !== null && !this.categories.has(category.parentId)) {
      throw new UnprocessableError(`Category "${category.parentId}" does not exist.`, 'unknown-category');
    }
    this.categories.set(category.id, category);
    return this.#commit(outbox);
  }

  saveCategoryChange(
    change: Change<Category>,
    outbox: readonly OutboxItem[],
    by?: EventActor,
  ): Promise<void> {
    this.changedBy.set(change.after.id, by);
    if (this.categories.get(change.after.id)?.version !== change.before.version) {
      throw new VersionConflictError();
    }
    this.#assertSlugFree(change.after);
    this.categories.set(change.after.id, change.after);
    return this.#commit(outbox);
  }

  deleteCategory(category: Category, outbox: readonly OutboxItem[]): Promise<void> {
    const inUse =
      [...this.categories.values()].some((c) => c.parentId === category.id) ||
      [...this.products.values()].some((p) => countedCategories(p).includes(category.id));
    if (this.categories.get(category.id)?.version !== category.version || inUse) {
      throw new ConflictError(
        'The category changed, or still has subcategories or products.',
        'category-not-empty',
      );
    }
    this.categories.delete(category.id);
    return this.#commit(outbox);
  }

  #assertFree(product: Product): void {
    for (const other of this.products.values()) {
      if (other.id === product.id) continue;
      if (other.handle === product.handle) {
        throw new ConflictError(
          `The handle "${product.handle}" is taken by another product.`,
          'handle-taken',
        );
      }
      const skus = new Set(other.variants.map((v) => v.sku));
      const taken = product.variants.find((v) => skus.has(v.sku));
      if (taken) throw new ConflictError(`The SKU "${taken.sku}" belongs to another product.`, 'sku-taken');
    }
    for (const id of countedCategories(product)) {
      if (!this.categories.has(id)) {
        throw new UnprocessableError(`Category "${id}" does not exist.`, 'unknown-category');
      }
    }
  }

  #assertSlugFree(category: Category): void {
    for (const other of this.categories.values()) {
      if (other.id !== category.id && other.slug === category.slug) {
        throw new ConflictError(`The slug "${category.slug}" is taken by another category.`, 'slug-taken');
      }
    }
  }

  #commit(outbox: readonly OutboxItem[]): Promise<void> {
    this.writes++;
    for (const item of outbox) {
      const detail = JSON.parse(item.detail) as Pick<Published, 'metadata' | 'data'>;
      this.published.push({ source: item.source, detailType: item.detailType, ...detail });
    }
    return Promise.resolve();
  }
}
