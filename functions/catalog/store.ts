// DynamoDB adapter of the catalog store. One table (single-table design):
//   PRODUCT#<id> / PRODUCT          the product; gsi1 PUBLISHED / <createdAt>#<id> while published
//   PRODUCT#<id> / IN#<categoryId>  a copy listed under a category; gsi1 PUBLISHED#CATEGORY#<id> / <createdAt>#<id>
//   HANDLE#<handle> / HANDLE        a copy keyed by handle: enforces unique handles, one read by handle
//   SKU#<sku> / SKU                 enforces unique SKUs across products
//   CATEGORY#<id> / CATEGORY        a category with its child and product counts; gsi1 CATEGORIES
//   CATSLUG#<slug> / CATSLUG        enforces unique category slugs
//   OUTBOX#<eventId> / EVENT        events written in the same transaction (see lambda-kit/outbox)
// Every product at once (the internal export) is a Scan filtered to product items: store-export.ts.
// Uniqueness and concurrency are enforced by conditions inside one transaction, never read-then-write.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  ConflictError,
  NotFoundError,
  UnprocessableError,
  VersionConflictError,
} from '@commerce/lambda-kit/errors';
import { retryOnConflict } from '@commerce/lambda-kit/retry';
import { key } from '@commerce/lambda-kit';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { EventActor } from '@commerce/lambda-kit/publisher';
import type { Category } from './domain/category.ts';
import type { CatalogStore, Change, Page } from './domain/ports.ts';
import { countedCategories, listedCategories, type Product } from './domain/product.ts';
import { scanProducts } from './store-export.ts';
import {
  type Item,
  type TransactItem,
  type Guard,
  productKey,
  handleKey,
  skuKey,
  membershipKey,
  categoryKey,
  slugKey,
  listSortKey,
  productAttributes,
  changedByOf,
  toProduct,
  toCategory,
} from './store-items.ts';

export class DynamoCatalogStore implements CatalogStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.#db = db;
    this.#table = tableName;
  }

  async getProduct(id: string): Promise<Product | undefined> {
    const out = await this.#db.send(new GetCommand({ TableName: this.#table, Key: productKey(id) }));
    return out.Item ? toProduct(out.Item) : undefined;
  }

  async getProductByHandle(handle: string): Promise<Product | undefined> {
    const out = await this.#db.send(new GetCommand({ TableName: this.#table, Key: handleKey(handle) }));
    return out.Item ? toProduct(out.Item) : undefined;
  }

  async listPublishedProducts(query: {
    categoryId?: string;
    limit: number;
    startKey?: Record<string, string | number>;
  }): Promise<Page<Product>> {
    const partition = query.categoryId ? key('PUBLISHED', 'CATEGORY', query.categoryId) : 'PUBLISHED';
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': partition },
        ScanIndexForward: false,
        Limit: query.limit,
        ExclusiveStartKey: query.startKey,
      }),
    );
    return {
      items: (out.Items ?? []).map(toProduct),
      ...(out.LastEvaluatedKey ? { lastKey: out.LastEvaluatedKey as Record<string, string | number> } : {}),
    };
  }

  listAllProducts(query: {
    limit: number;
    startKey?: Record<string, string | number>;
  }): Promise<Page<Product>> {
    return scanProducts(this.#db, this.#table, query);
  }

  async createProduct(product: Product, outbox: readonly OutboxItem[], by?: EventActor): Promise<void> {
    await this.#transact(this.#productItems(undefined, product, by), outbox);
  }

  async saveProductChange(change: Change<Product>, outbox: readonly OutboxItem[], by?: EventActor) {
    await this.#transact(this.#productItems(change.before, change.after, by), outbox);
  }

  /** The transaction items that take the store from `before` (undefined: nothing) to `after`. */
  #productItems(before: Product | undefined, after: Product, by?: EventActor): [TransactItem, Guard][] {
    const table = this.#table;
    const items: [TransactItem, Guard][] = [];
    const listed = after.status === 'published';

    items.push([
      {
        Put: {
          TableName: table,
          Item: {
            ...productKey(after.id),
            ...productAttributes(after),
            ...changedByOf(by),
            ...(listed ? { gsi1pk: 'PUBLISHED', gsi1sk: listSortKey(after) } : {}),
          },
          ...(before
            ? {
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': before.version },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      before ? { kind: 'version' } : { kind: 'none' },
    ]);

    // Handle: a full copy under the handle key; free or ours.
    if (before && before.handle !== after.handle) {
      items.push([
        {
          Delete: {
            TableName: table,
            Key: handleKey(before.handle),
            ConditionExpression: 'id = :id',
            ExpressionAttributeValues: { ':id': after.id },
          },
        },
        { kind: 'version' },
      ]);
    }
    items.push([
      {
        Put: {
          TableName: table,
          Item: { ...handleKey(after.handle), ...productAttributes(after) },
          ConditionExpression: 'attribute_not_exists(pk) OR id = :id',
          ExpressionAttributeValues: { ':id': after.id },
        },
      },
      { kind: 'handle', handle: after.handle },
    ]);

    // SKUs: claim new ones, release dropped ones.
    const beforeSkus = new Set(before?.variants.map((v) => v.sku) ?? []);
    const afterSkus = new Set(after.variants.map((v) => v.sku));
    for (const sku of afterSkus) {
      if (beforeSkus.has(sku)) continue;
      items.push([
        {
          Put: {
            TableName: table,
            Item: { ...skuKey(sku), productId: after.id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { kind: 'sku', sku },
      ]);
    }
    for (const sku of beforeSkus) {
      if (afterSkus.has(sku)) continue;
      items.push([
        {
          Delete: {
            TableName: table,
            Key: skuKey(sku),
            ConditionExpression: 'productId = :id',
            ExpressionAttributeValues: { ':id': after.id },
          },
        },
        { kind: 'version' },
      ]);
    }

    // Category product counts: a category that holds products cannot be deleted.
    const countedBefore = new Set(countedCategories(before));
    const countedAfter = new Set(countedCategories(after));
    for (const id of countedAfter) {
      if (countedBefore.has(id)) continue;
      items.push([this.#adjustProductCount(id, 1), { kind: 'category', categoryId: id }]);
    }
    for (const id of countedBefore) {
      if (countedAfter.has(id)) continue;
      items.push([this.#adjustProductCount(id, -1), { kind: 'none' }]);
    }

    // Storefront listing copies per category.
    const listedBefore = new Set(listedCategories(before));
    const listedAfter = new Set(listedCategories(after));
    for (const id of listedAfter) {
      items.push([
        {
          Put: {
            TableName: table,
            Item: {
              ...membershipKey(after.id, id),
              ...productAttributes(after),
              gsi1pk: key('PUBLISHED', 'CATEGORY', id),
              gsi1sk: listSortKey(after),
            },
          },
        },
        { kind: 'none' },
      ]);
    }
    for (const id of listedBefore) {
      if (listedAfter.has(id)) continue;
      items.push([{ Delete: { TableName: table, Key: membershipKey(after.id, id) } }, { kind: 'none' }]);
    }
    return items;
  }

  #adjustProductCount(categoryId: string, delta: 1 | -1): TransactItem {
    return {
      Update: {
        TableName: this.#table,
        Key: categoryKey(categoryId),
        UpdateExpression: 'ADD productCount :d',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':d': delta },
      },
    };
  }

  async listCategories(): Promise<Category[]> {
    const categories: Category[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.#db.send(
        new QueryCommand({
          TableName: this.#table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :p',
          ExpressionAttributeValues: { ':p': 'CATEGORIES' },
          ExclusiveStartKey: startKey,
        }),
      );
      categories.push(...(out.Items ?? []).map(toCategory));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return categories;
  }

  async getCategory(id: string): Promise<Category | undefined> {
    const out = await this.#db.send(new GetCommand({ TableName: this.#table, Key: categoryKey(id) }));
    return out.Item ? toCategory(out.Item) : undefined;
  }

  #categoryItem(c: Category): Item {
    return { ...categoryKey(c.id), type: 'category', ...c, gsi1pk: 'CATEGORIES', gsi1sk: c.id };
  }

  async createCategory(category: Category, outbox: readonly OutboxItem[], by?: EventActor): Promise<void> {
    const table = this.#table;
    const items: [TransactItem, Guard][] = [
      [
        {
          Put: {
            TableName: table,
            Item: { ...this.#categoryItem(category), ...changedByOf(by), childCount: 0, productCount: 0 },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { kind: 'none' },
      ],
      [
        {
          Put: {
            TableName: table,
            Item: { ...slugKey(category.slug), categoryId: category.id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { kind: 'slug', slug: category.slug },
      ],
    ];
    if (category.parentId)
      items.push([this.#adjustChildCount(category.parentId, 1), parentGuard(category.parentId)]);
    await this.#transact(items, outbox);
  }

  #adjustChildCount(categoryId: string, delta: 1 | -1): TransactItem {
    return {
      Update: {
        TableName: this.#table,
        Key: categoryKey(categoryId),
        UpdateExpression: 'ADD childCount :d',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':d': delta },
      },
    };
  }

  async saveCategoryChange(change: Change<Category>, outbox: readonly OutboxItem[], by?: EventActor) {
    const { before, after } = change;
    const table = this.#table;
    const items: [TransactItem, Guard][] = [
      [
        {
          Update: {
            TableName: table,
            Key: categoryKey(after.id),
            UpdateExpression:
              'SET #name = :name, slug = :slug, parentId = :parent, #position = :position, version = :next, changedBy = :by',
            ConditionExpression: 'version = :expected',
            ExpressionAttributeNames: { '#name': 'name', '#position': 'position' },
            ExpressionAttributeValues: {
              ':name': after.name,
              ':slug': after.slug,
              ':parent': after.parentId,
              ':position': after.position,
              ':next': after.version,
              ':expected': before.version,
              ':by': by ?? null,
            },
          },
        },
        { kind: 'version' },
      ],
    ];
    if (before.slug !== after.slug) {
      items.push([
        {
          Put: {
            TableName: table,
            Item: { ...slugKey(after.slug), categoryId: after.id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { kind: 'slug', slug: after.slug },
      ]);
      items.push([{ Delete: { TableName: table, Key: slugKey(before.slug) } }, { kind: 'none' }]);
    }
    if (before.parentId !== after.parentId) {
      if (after.parentId)
        items.push([this.#adjustChildCount(after.parentId, 1), parentGuard(after.parentId)]);
      if (before.parentId) items.push([this.#adjustChildCount(before.parentId, -1), { kind: 'none' }]);
    }
    await this.#transact(items, outbox);
  }

  async deleteCategory(category: Category, outbox: readonly OutboxItem[]): Promise<void> {
    const table = this.#table;
    const items: [TransactItem, Guard][] = [
      [
        {
          Delete: {
            TableName: table,
            Key: categoryKey(category.id),
            ConditionExpression: 'version = :v AND childCount = :zero AND productCount = :zero',
            ExpressionAttributeValues: { ':v': category.version, ':zero': 0 },
          },
        },
        { kind: 'category-empty' },
      ],
      [{ Delete: { TableName: table, Key: slugKey(category.slug) } }, { kind: 'none' }],
    ];
    if (category.parentId) items.push([this.#adjustChildCount(category.parentId, -1), { kind: 'none' }]);
    await this.#transact(items, outbox);
  }

  async #transact(items: [TransactItem, Guard][], outbox: readonly OutboxItem[]): Promise<void> {
    const all: [TransactItem, Guard][] = [
      ...items,
      ...outbox.map((event): [TransactItem, Guard] => [
        { Put: { TableName: this.#table, Item: { ...event } } },
        { kind: 'none' },
      ]),
    ];
    try {
      // The conditions travel with the transaction, so sending it again is safe: a writer that won meanwhile
      // fails them (a version conflict), a transaction that merely collided goes through.
      await retryOnConflict(() =>
        this.#db.send(new TransactWriteCommand({ TransactItems: all.map(([item]) => item) })),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const failedIndex =
          error.CancellationReasons?.findIndex((r) => r.Code === 'ConditionalCheckFailed') ?? -1;
        const guard = failedIndex >= 0 ? all[failedIndex]?.[1] : undefined;
        if (guard) throw guardError(guard);
      }
      throw error;
    }
  }
}

function parentGuard(categoryId: string): Guard {
  return { kind: 'category', categoryId };
}

function guardError(guard: Guard): Error {
  switch (guard.kind) {
    case 'version':
      return new VersionConflictError();
    case 'handle':
      return new ConflictError(`The handle "${guard.handle}" is taken by another product.`, 'handle-taken');
    case 'sku':
      return new ConflictError(`The SKU "${guard.sku}" belongs to another product.`, 'sku-taken');
    case 'slug':
      return new ConflictError(`The slug "${guard.slug}" is taken by another category.`, 'slug-taken');
    case 'category':
      return new UnprocessableError(`Category "${guard.categoryId}" does not exist.`, 'unknown-category');
    case 'category-empty':
      return new ConflictError(
        'The category changed, or still has subcategories or products; move them first.',
        'category-not-empty',
      );
    case 'none':
      return new NotFoundError('The resource no longer exists.');
  }
}
