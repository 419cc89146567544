// DynamoDB adapter of what orders knows of products and customers (ReferenceDataRepository): one item per
// SKU and per customer's segments, each kept at the newest version of its source.
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '@commerce/lambda-kit/batch-get';
import { conditionFailed } from '@commerce/lambda-kit/conditions';
import type { PricingFacts, ReferenceDataRepository } from '../domain/ports.ts';
import type { SkuRecord } from '../domain/sku.ts';
import { segmentsKey, skuKey } from './keys.ts';

export class ReferenceDataStore implements ReferenceDataRepository {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  /** The SKUs and, for a customer, their segments, in one BatchGetItem. */
  async loadForPricing(skus: readonly string[], customerId: string | null): Promise<PricingFacts> {
    const keys = [...new Set(skus)].map(skuKey);
    if (customerId !== null) keys.push(segmentsKey(customerId));
    const found = new Map<string, SkuRecord>();
    let segments: readonly string[] = [];
    for (const item of await batchGetAll(this.#db, this.#table, keys)) {
      if (item['sk'] === 'SKU') found.set(item['sku'] as string, item as unknown as SkuRecord);
      else segments = (item['segments'] as string[] | undefined) ?? [];
    }
    return { skus: found, segments };
  }

  async getSku(sku: string): Promise<SkuRecord | undefined> {
    const { Item } = await this.#db.send(new GetCommand({ TableName: this.#table, Key: skuKey(sku) }));
    return Item as SkuRecord | undefined;
  }

  async saveSkus(records: readonly SkuRecord[]): Promise<void> {
    for (const record of records) {
      try {
        await this.#db.send(
          new PutCommand({
            TableName: this.#table,
            Item: { ...skuKey(record.sku), ...record },
            ConditionExpression: 'attribute_not_exists(pk) OR productVersion <= :v',
            ExpressionAttributeValues: { ':v': record.productVersion },
          }),
        );
      } catch (error) {
        if (!conditionFailed(error)) throw error;
      }
    }
  }

  async saveSegments(customerId: string, segments: readonly string[], version: number): Promise<void> {
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: { ...segmentsKey(customerId), segments, customerVersion: version },
          ConditionExpression: 'attribute_not_exists(pk) OR customerVersion <= :v',
          ExpressionAttributeValues: { ':v': version },
        }),
      );
    } catch (error) {
      if (!conditionFailed(error)) throw error;
    }
  }

  async deleteSegments(customerId: string): Promise<void> {
    await this.#db.send(new DeleteCommand({ TableName: this.#table, Key: segmentsKey(customerId) }));
  }
}
