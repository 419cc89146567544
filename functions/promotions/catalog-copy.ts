// What promotions keeps of the catalog to match items (in the promotions table), fed by product.* and
// category.* events, each kept only when newer than what is kept:
//   SKU#<sku> / SKU           the SKU's product and that product's categories (productVersion orders them)
//   CATEGORIES / <id>         a category's parent (version orders them; a deleted one is marked, not removed)
// A category condition matches a product filed under the category or under any of its descendants, so the
// basket carries each line's categories with their ancestors (`ancestorsOf`).
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '@commerce/lambda-kit/batch-get';
import { queryAll } from '@commerce/lambda-kit/query-all';

export interface SkuCopy {
  readonly sku: string;
  readonly productId: string;
  readonly categoryIds: readonly string[];
}

/** Category id → parent id (null: a root), deleted ones left out. */
export type CategoryParents = ReadonlyMap<string, string | null>;

/** The category ids with all their ancestors (a cycle, which the catalog refuses, would stop the walk). */
export function ancestorsOf(categoryIds: readonly string[], parents: CategoryParents): string[] {
  const all = new Set<string>();
  for (const id of categoryIds) {
    let current: string | null | undefined = id;
    while (current && !all.has(current)) {
      all.add(current);
      current = parents.get(current);
    }
  }
  return [...all];
}

export class DynamoCatalogCopy {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async #putIfNewer(item: Record<string, unknown>, versionAttribute: string, version: number) {
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: item,
          ConditionExpression: `attribute_not_exists(pk) OR ${versionAttribute} <= :v`,
          ExpressionAttributeValues: { ':v': version },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async saveProduct(product: {
    readonly id: string;
    readonly categoryIds: readonly string[];
    readonly variants: readonly { readonly sku: string }[];
    readonly version: number;
  }): Promise<void> {
    for (const { sku } of product.variants) {
      await this.#putIfNewer(
        {
          pk: `SKU#${sku}`,
          sk: 'SKU',
          sku,
          productId: product.id,
          categoryIds: [...product.categoryIds],
          productVersion: product.version,
        },
        'productVersion',
        product.version,
      );
    }
  }

  async saveCategory(category: { id: string; parentId: string | null; version: number }, deleted: boolean) {
    await this.#putIfNewer(
      {
        pk: 'CATEGORIES',
        sk: category.id,
        parentId: category.parentId,
        version: category.version,
        ...(deleted ? { deleted: true } : {}),
      },
      'version',
      category.version,
    );
  }

  async skus(skus: readonly string[]): Promise<Map<string, SkuCopy>> {
    const keys = [...new Set(skus)].map((sku) => ({ pk: `SKU#${sku}`, sk: 'SKU' }));
    const items = keys.length ? await batchGetAll(this.#db, this.#table, keys) : [];
    return new Map(
      items.map((item) => [
        String(item['sku']),
        {
          sku: String(item['sku']),
          productId: String(item['productId']),
          categoryIds: (item['categoryIds'] as string[] | undefined) ?? [],
        },
      ]),
    );
  }

  async categoryParents(): Promise<Map<string, string | null>> {
    const items = await queryAll(this.#db, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'CATEGORIES' },
    });
    return new Map(
      items
        .filter((item) => !item['deleted'])
        .map((item) => [String(item['sk']), (item['parentId'] as string | null) ?? null]),
    );
  }
}
