// What the catalog needs from storage. The DynamoDB adapter (../store.ts) implements it.
import type { Category } from './category.ts';
import type { Product, ProductChange } from './product.ts';

/** An event to publish with the write, already validated (an outbox item). */
export interface PendingEvent {
  readonly pk: string;
  readonly sk: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly lastKey?: Record<string, string | number>;
}

export interface CatalogStore {
  getProduct(id: string): Promise<Product | undefined>;
  getProductByHandle(handle: string): Promise<Product | undefined>;
  listPublishedProducts(query: {
    categoryId?: string;
    limit: number;
    startKey?: Record<string, string | number>;
  }): Promise<Page<Product>>;
  /** Creates the product; handle and SKUs must be free and categories must exist. */
  createProduct(product: Product, event: PendingEvent): Promise<void>;
  /** Writes a change, if the stored product is still at `change.before.version`. */
  saveProductChange(change: ProductChange, event: PendingEvent): Promise<void>;

  listCategories(): Promise<Category[]>;
  getCategory(id: string): Promise<Category | undefined>;
  createCategory(category: Category, event: PendingEvent): Promise<void>;
  saveCategoryChange(change: { before: Category; after: Category }, event: PendingEvent): Promise<void>;
  /** Deletes the category if it is unchanged and has no subcategories and no products. */
  deleteCategory(category: Category, event: PendingEvent): Promise<void>;
}
