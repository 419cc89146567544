// DynamoDB adapter of the pricing store. One table, single-table keys:
//   SKU#<sku> / PRICES               base and sale prices of a SKU in every currency (one versioned item)
//   SKU#<sku> / PRODUCT              the SKU's product and tax class (from catalog events)
//   SEGMENT#<segment> / LIST         a segment's price list; gsi1 PRICE_LISTS / <segment> lists them all
//   TAX / TABLE                      the tax table: rates and display modes per country and region
//   PRODUCT#<productId> / SKUS       a catalog product's SKUs, status and categories (from catalog events)
//   PROMOTION / <promotionId>        a live catalogue promotion's offer (offer-store.ts)
//   OUTBOX#<eventId> / EVENT         events written in the same transaction as the change they announce
// A quote reads everything it needs by key in one BatchGetItem round trip (see loadPricing).
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { key } from '@commerce/lambda-kit';
import { batchGetAll } from '@commerce/lambda-kit/batch-get';
import { VersionConflictError } from '@commerce/lambda-kit/errors';
import { retryOnConflict } from '@commerce/lambda-kit/retry';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { PricingInputs, PricingStore } from './domain/ports.ts';
import {
  DEFAULT_TAX_CLASS,
  priceBookOf,
  type PriceList,
  type ProductSkus,
  type SkuPrices,
  type VersionedTaxTable,
} from './domain/records.ts';
import type { TaxClass } from './domain/tax.ts';

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];
type Key = { pk: string; sk: string };

const PRICE_LISTS = 'PRICE_LISTS';

const pricesKey = (sku: string): Key => ({ pk: key('SKU', sku), sk: 'PRICES' });
const skuProductKey = (sku: string): Key => ({ pk: key('SKU', sku), sk: 'PRODUCT' });
const listKey = (segment: string): Key => ({ pk: key('SEGMENT', segment), sk: 'LIST' });
const TAX_TABLE_KEY: Key = { pk: 'TAX', sk: 'TABLE' };
const productKey = (id: string): Key => ({ pk: key('PRODUCT', id), sk: 'SKUS' });

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...rest } = item;
  return rest as T;
}

export class DynamoPricingStore implements PricingStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async getSkuPrices(sku: string): Promise<SkuPrices | undefined> {
    return this.#get<SkuPrices>(pricesKey(sku));
  }

  /** One BatchGetItem (parallel calls of 100 keys), eventually consistent like the quote's reads. */
  async listSkuPrices(skus: readonly string[]): Promise<SkuPrices[]> {
    const items = await batchGetAll(this.#db, this.#table, [...new Set(skus)].map(pricesKey));
    return items.map((i) => strip<SkuPrices>(i));
  }

  async saveSkuPrices(
    prices: SkuPrices,
    expectedVersion: number,
    outbox: readonly OutboxItem[],
  ): Promise<void> {
    await this.#transact(
      [this.#versionedPut({ ...pricesKey(prices.sku), ...prices }, expectedVersion)],
      outbox,
    );
  }

  async getPriceList(segment: string): Promise<PriceList | undefined> {
    return this.#get<PriceList>(listKey(segment));
  }

  async savePriceList(
    list: PriceList,
    expectedVersion: number,
    outbox: readonly OutboxItem[],
  ): Promise<void> {
    const item = { ...listKey(list.segment), ...list, gsi1pk: PRICE_LISTS, gsi1sk: list.segment };
    await this.#transact([this.#versionedPut(item, expectedVersion)], outbox);
  }

  /** Every segment's price list, by segment name (all pages). */
  async listPriceLists(): Promise<PriceList[]> {
    const lists: PriceList[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.#db.send(
        new QueryCommand({
          TableName: this.#table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :p',
          ExpressionAttributeValues: { ':p': PRICE_LISTS },
          ExclusiveStartKey: startKey,
        }),
      );
      lists.push(...(out.Items ?? []).map((i) => strip<PriceList>(i)));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return lists;
  }

  async getTaxTable(): Promise<VersionedTaxTable> {
    return (await this.#get<VersionedTaxTable>(TAX_TABLE_KEY)) ?? { rules: [], modes: [], version: 0 };
  }

  async saveTaxTable(
    table: VersionedTaxTable,
    expectedVersion: number,
    outbox: readonly OutboxItem[],
  ): Promise<void> {
    await this.#transact([this.#versionedPut({ ...TAX_TABLE_KEY, ...table }, expectedVersion)], outbox);
  }

  async getProduct(productId: string): Promise<ProductSkus | undefined> {
    return this.#get<ProductSkus>(productKey(productId));
  }

  /**
   * Records a product's SKUs and status, replacing `previous` (what getProduct returned; the write fails
   * if it changed meanwhile). The SKU items are rewritten only when the SKUs or their tax classes changed.
   */
  async saveProduct(product: ProductSkus, previous: ProductSkus | undefined): Promise<void> {
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.#table,
          Item: { ...productKey(product.productId), ...product },
          ...(previous
            ? {
                ConditionExpression: 'productVersion = :v',
                ExpressionAttributeValues: { ':v': previous.productVersion },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
    ];
    if (JSON.stringify(previous?.variants) !== JSON.stringify(product.variants)) {
      const kept = new Set(product.variants.map((v) => v.sku));
      for (const v of product.variants) {
        items.push({
          Put: {
            TableName: this.#table,
            Item: { ...skuProductKey(v.sku), ...v, productId: product.productId },
          },
        });
      }
      for (const v of previous?.variants ?? []) {
        if (!kept.has(v.sku)) items.push({ Delete: { TableName: this.#table, Key: skuProductKey(v.sku) } });
      }
    }
    await this.#transact(items, []);
  }

  /**
   * Everything needed to price `skus` for a customer in `segments`: per SKU its prices and its tax class,
   * per segment its price list, and the tax table. 2 × SKUs + segments + 1 keys, read in ONE round trip:
   * a single BatchGetItem (parallel calls of 100 keys when there are more; a quote has at most 50 lines
   * and 20 segments, so two), plus a retry only for keys DynamoDB reports unprocessed under throttling.
   * Eventually consistent reads: a price changed a moment ago may be quoted at its old amount, which is
   * no different from the change landing a moment later.
   */
  async loadPricing(skus: readonly string[], segments: readonly string[]): Promise<PricingInputs> {
    const uniqueSkus = [...new Set(skus)];
    const keys = [
      ...uniqueSkus.flatMap((sku) => [pricesKey(sku), skuProductKey(sku)]),
      ...[...new Set(segments)].map(listKey),
      TAX_TABLE_KEY,
    ];
    const items = await batchGetAll(this.#db, this.#table, keys);
    const of = (sk: string) => items.filter((i) => i.sk === sk);
    const taxClasses = new Map(of('PRODUCT').map((i) => [i.sku as string, i.taxClass as TaxClass]));
    const taxItem = of('TABLE')[0];
    const taxes = taxItem ? strip<VersionedTaxTable>(taxItem) : { rules: [], modes: [] };
    return {
      book: priceBookOf(
        of('PRICES').map((i) => strip<SkuPrices>(i)),
        of('LIST').map((i) => strip<PriceList>(i)),
        new Set(uniqueSkus),
      ),
      taxes: { rules: taxes.rules, modes: taxes.modes },
      taxClassOf: (sku) => taxClasses.get(sku) ?? DEFAULT_TAX_CLASS,
    };
  }

  async #get<T>(k: Key): Promise<T | undefined> {
    const out = await this.#db.send(new GetCommand({ TableName: this.#table, Key: k }));
    return out.Item ? strip<T>(out.Item) : undefined;
  }

  /** A Put that succeeds only over the version the caller read (0: the item must not exist). */
  #versionedPut(item: Record<string, unknown>, expectedVersion: number): TransactItem {
    return {
      Put: {
        TableName: this.#table,
        Item: item,
        ...(expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
      },
    };
  }

  async #transact(items: TransactItem[], outbox: readonly OutboxItem[]): Promise<void> {
    const all: TransactItem[] = [
      ...items,
      ...outbox.map((event) => ({ Put: { TableName: this.#table, Item: { ...event } } })),
    ];
    try {
      // The conditions travel with the transaction, so sending it again is safe: a writer that won meanwhile
      // fails them (a version conflict), a transaction that merely collided goes through.
      await retryOnConflict(() => this.#db.send(new TransactWriteCommand({ TransactItems: all })));
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      ) {
        throw new VersionConflictError();
      }
      throw error;
    }
  }
}
