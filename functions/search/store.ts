// DynamoDB adapter of the search service's projection: what it learned from the catalog, pricing, inventory,
// reviews and customers, each part under the version (or time) it was announced at. One table:
//   PRODUCT#<id> / PRODUCT     the product (as product.* carries it), its document version, its rating with
//                              ratingVersion (the aggregate version, when announced) and ratingAt
//   SKU#<sku> / SKU            productId; per currency `p#<CUR>` price and `pv#<CUR>` its price version;
//                              per segment and currency `s#<seg>#<CUR>` amount and `sv#<seg>#<CUR>` version;
//                              availability and availabilityAt
//   CATEGORY / <id>            name, parentId, version, deleted
//   SEGMENT / <name>           priority, version (segments with a price list)
//   CUSTOMER#<id> / SEGMENTS   the customer's segments and profile version
//   PROMOTION / <id>           a live catalogue promotion's offer (promotion-store.ts)
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { key } from '@commerce/lambda-kit';
import { batchGetAll } from '@commerce/lambda-kit/batch-get';
import type {
  Availability,
  CategoryRecord,
  CurrencyPrice,
  ProductRecord,
  RatingRecord,
  SkuRecord,
} from './domain/document.ts';
import type { Projection, ProductState, RatingStamp, SkuSave } from './domain/ports.ts';

type Item = Record<string, unknown>;

const productKey = (id: string) => ({ pk: key('PRODUCT', id), sk: 'PRODUCT' });
const skuKey = (sku: string) => ({ pk: key('SKU', sku), sk: 'SKU' });

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** Runs a conditional update; false when its condition refused it (an older or repeated change). */
async function applied(work: Promise<unknown>): Promise<boolean> {
  try {
    await work;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

function toSku(item: Item): SkuRecord {
  const prices: Record<string, CurrencyPrice> = {};
  const segmentPrices: Record<string, Record<string, number>> = {};
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith('p#')) prices[name.slice(2)] = value as CurrencyPrice;
    if (name.startsWith('s#')) {
      const [, segment, currency] = name.split('#') as [string, string, string];
      (segmentPrices[segment] ??= {})[currency] = value as number;
    }
  }
  return {
    sku: item.sku as string,
    prices,
    segmentPrices,
    ...(typeof item.availability === 'string' ? { availability: item.availability as Availability } : {}),
  };
}

/** Every item of one partition, page after page (until `max` items when given). */
export async function queryPartition(
  db: DynamoDBDocumentClient,
  table: string,
  pk: string,
  options: { readonly consistent?: boolean; readonly max?: number } = {},
): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const out = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ...(options.consistent ? { ConsistentRead: true } : {}),
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start && (options.max === undefined || items.length < options.max));
  return items;
}

export class DynamoProjection implements Projection {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  #update(input: {
    Key: Item;
    UpdateExpression: string;
    ConditionExpression?: string;
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Item;
    ReturnValues?: 'ALL_NEW';
  }) {
    return this.#db.send(new UpdateCommand({ TableName: this.#table, ...input }));
  }

  async saveProduct(product: ProductRecord): Promise<boolean> {
    const ok = await applied(
      this.#update({
        Key: productKey(product.id),
        UpdateExpression: 'SET #product = :product, #version = :version',
        ConditionExpression: 'attribute_not_exists(#version) OR #version < :version',
        ExpressionAttributeNames: { '#product': 'product', '#version': 'version' },
        ExpressionAttributeValues: { ':product': product, ':version': product.version },
      }),
    );
    if (ok) {
      // Price and stock events name SKUs: each SKU learns its product.
      await Promise.all(
        product.variants.map((v) =>
          this.#update({
            Key: skuKey(v.sku),
            UpdateExpression: 'SET #sku = :sku, #productId = :productId',
            ExpressionAttributeNames: { '#sku': 'sku', '#productId': 'productId' },
            ExpressionAttributeValues: { ':sku': v.sku, ':productId': product.id },
          }),
        ),
      );
    }
    return ok;
  }

  saveCategory(category: CategoryRecord & { readonly version: number }, deleted: boolean): Promise<boolean> {
    return applied(
      this.#update({
        Key: { pk: 'CATEGORY', sk: category.id },
        UpdateExpression:
          'SET #name = :name, #parentId = :parentId, #version = :version, #deleted = :deleted',
        ConditionExpression: 'attribute_not_exists(#version) OR #version < :version',
        ExpressionAttributeNames: {
          '#name': 'name',
          '#parentId': 'parentId',
          '#version': 'version',
          '#deleted': 'deleted',
        },
        ExpressionAttributeValues: {
          ':name': category.name,
          ':parentId': category.parentId,
          ':version': category.version,
          ':deleted': deleted,
        },
      }),
    );
  }

  /** A versioned change of one SKU attribute (`value` undefined: removed); answers the SKU's product. */
  async #saveSkuPart(
    sku: string,
    attribute: string,
    versionAttribute: string,
    version: number | string,
    value: unknown,
  ): Promise<SkuSave> {
    const names = { '#sku': 'sku', '#value': attribute, '#version': versionAttribute };
    const values: Item = { ':sku': sku, ':version': version };
    if (value !== undefined) values[':value'] = value;
    try {
      const out = await this.#update({
        Key: skuKey(sku),
        UpdateExpression:
          value === undefined
            ? 'SET #sku = :sku, #version = :version REMOVE #value'
            : 'SET #sku = :sku, #version = :version, #value = :value',
        ConditionExpression: 'attribute_not_exists(#version) OR #version < :version',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      });
      const productId: unknown = out.Attributes?.productId;
      return { applied: true, ...(typeof productId === 'string' ? { productId } : {}) };
    } catch (error) {
      if (isConditionFailure(error)) return { applied: false };
      throw error;
    }
  }

  saveSkuPrice(
    sku: string,
    currency: string,
    version: number,
    price: CurrencyPrice | null,
  ): Promise<SkuSave> {
    return this.#saveSkuPart(sku, `p#${currency}`, `pv#${currency}`, version, price ?? undefined);
  }

  saveSegmentPrice(
    segment: string,
    currency: string,
    version: number,
    sku: string,
    amount: number | null,
  ): Promise<SkuSave> {
    return this.#saveSkuPart(
      sku,
      `s#${segment}#${currency}`,
      `sv#${segment}#${currency}`,
      version,
      amount ?? undefined,
    );
  }

  saveSegment(segment: string, version: number, priority: number): Promise<boolean> {
    return applied(
      this.#update({
        Key: { pk: 'SEGMENT', sk: segment },
        UpdateExpression: 'SET #priority = :priority, #version = :version',
        ConditionExpression: 'attribute_not_exists(#version) OR #version < :version',
        ExpressionAttributeNames: { '#priority': 'priority', '#version': 'version' },
        ExpressionAttributeValues: { ':priority': priority, ':version': version },
      }),
    );
  }

  saveAvailability(sku: string, availability: Availability, at: string): Promise<SkuSave> {
    return this.#saveSkuPart(sku, 'availability', 'availabilityAt', at, availability);
  }

  saveRating(productId: string, rating: RatingRecord, stamp: RatingStamp): Promise<boolean> {
    const names = { '#rating': 'rating', '#ratingAt': 'ratingAt', '#ratingVersion': 'ratingVersion' };
    const values = { ':rating': rating, ':at': stamp.at };
    return applied(
      this.#update(
        stamp.version === undefined
          ? {
              Key: productKey(productId),
              UpdateExpression: 'SET #rating = :rating, #ratingAt = :at',
              ConditionExpression:
                'attribute_not_exists(#ratingVersion) AND (attribute_not_exists(#ratingAt) OR #ratingAt < :at)',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            }
          : {
              Key: productKey(productId),
              UpdateExpression: 'SET #rating = :rating, #ratingAt = :at, #ratingVersion = :version',
              ConditionExpression: 'attribute_not_exists(#ratingVersion) OR #ratingVersion < :version',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: { ...values, ':version': stamp.version },
            },
      ),
    );
  }

  async saveCustomerSegments(
    customerId: string,
    segments: readonly string[],
    version: number,
  ): Promise<void> {
    await applied(
      this.#update({
        Key: { pk: key('CUSTOMER', customerId), sk: 'SEGMENTS' },
        UpdateExpression: 'SET #segments = :segments, #version = :version',
        ConditionExpression: 'attribute_not_exists(#version) OR #version < :version',
        ExpressionAttributeNames: { '#segments': 'segments', '#version': 'version' },
        ExpressionAttributeValues: { ':segments': [...segments], ':version': version },
      }),
    );
  }

  async forgetCustomer(customerId: string): Promise<void> {
    // Kept as a tombstone with no segments at the highest version, so a late customer.updated cannot revive it.
    await this.#update({
      Key: { pk: key('CUSTOMER', customerId), sk: 'SEGMENTS' },
      UpdateExpression: 'SET #segments = :none, #version = :max',
      ExpressionAttributeNames: { '#segments': 'segments', '#version': 'version' },
      ExpressionAttributeValues: { ':none': [], ':max': Number.MAX_SAFE_INTEGER },
    });
  }

  async bumpDocument(productId: string): Promise<ProductState> {
    const out = await this.#update({
      Key: productKey(productId),
      UpdateExpression: 'ADD #docVersion :one',
      ExpressionAttributeNames: { '#docVersion': 'docVersion' },
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'ALL_NEW',
    });
    const item = out.Attributes ?? {};
    return {
      ...(item.product ? { product: item.product as ProductRecord } : {}),
      ...(item.rating ? { rating: item.rating as RatingRecord } : {}),
      docVersion: item.docVersion as number,
    };
  }

  async skus(skus: readonly string[]): Promise<Map<string, SkuRecord>> {
    const items = await batchGetAll(this.#db, this.#table, [...new Set(skus)].map(skuKey), {
      consistent: true,
    });
    return new Map(items.map((i) => [i.sku as string, toSku(i)]));
  }

  #queryAll(pk: string): Promise<Item[]> {
    return queryPartition(this.#db, this.#table, pk, { consistent: true });
  }

  async categories(): Promise<Map<string, CategoryRecord>> {
    const items = await this.#queryAll('CATEGORY');
    return new Map(
      items
        .filter((i) => i.deleted !== true)
        .map((i) => [
          i.sk as string,
          { id: i.sk as string, name: i.name as string, parentId: (i.parentId as string | null) ?? null },
        ]),
    );
  }

  async segmentPriorities(): Promise<Map<string, number>> {
    const items = await this.#queryAll('SEGMENT');
    return new Map(items.map((i) => [i.sk as string, i.priority as number]));
  }

  async customerSegments(customerId: string): Promise<string[]> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: { pk: key('CUSTOMER', customerId), sk: 'SEGMENTS' } }),
    );
    return (out.Item?.segments as string[] | undefined) ?? [];
  }
}
