// What the catalog needs from storage. The DynamoDB adapter (../store.ts) implements it; every write takes
// the outbox items of what it announces and commits them in the same transaction.
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { EventActor } from '@commerce/lambda-kit/publisher';
import type { Category } from './category.ts';
import type { Product } from './product.ts';

export interface Page<T> {
  readonly items: readonly T[];
  readonly lastKey?: Record<string, string | number>;
}

/** A change from `before` to `after`; the write succeeds only if the stored item is still `before`. */
export interface Change<T> {
  readonly before: T;
  readonly after: T;
}

export interface CatalogStore {
  getProduct(id: string): Promise<Product | undefined>;
  getProductByHandle(handle: string): Promise<Product | undefined>;
  listPublishedProducts(query: {
    categoryId?: string;
    limit: number;
    startKey?: Record<string, string | number>;
  }): Promise<Page<Product>>;
  /**
   * Every product in every status, a page at a time in the store's own stable order (for exports). A page
   * holds at most `limit` products and may hold fewer, even none, with more to follow; no `lastKey` means
   * no more.
   */
  listAllProducts(query: {
    limit: number;
    startKey?: Record<string, string | number>;
  }): Promise<Page<Product>>;
  /**
   * Creates the product; handle and SKUs must be free and categories must exist. `by`, who acted (the
   * events' actor), is recorded on the stored item, here and in every write below.
   */
  createProduct(product: Product, outbox: readonly OutboxItem[], by?: EventActor): Promise<void>;
  /** Writes a change, if the stored product is still at `change.before.version` (else VersionConflictError). */
  saveProductChange(change: Change<Product>, outbox: readonly OutboxItem[], by?: EventActor): Promise<void>;

  listCategories(): Promise<Category[]>;
  getCategory(id: string): Promise<Category | undefined>;
  createCategory(category: Category, outbox: readonly OutboxItem[], by?: EventActor): Promise<void>;
  saveCategoryChange(change: Change<Category>, outbox: readonly OutboxItem[], by?: EventActor): Promise<void>;
  /** Deletes the category if it is unchanged and has no subcategories and no products. */
  deleteCategory(category: Category, outbox: readonly OutboxItem[]): Promise<void>;
}
