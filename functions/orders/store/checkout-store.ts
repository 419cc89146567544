// DynamoDB adapter of checkout's Idempotency-Keys (CheckoutRepository): one item per scoped key holding the
// record, with the record's expiry as the item's TTL (seconds, as DynamoDB's TTL wants it).
import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { conditionFailed } from '@commerce/lambda-kit/conditions';
import type { CheckoutKey, CheckoutRecord } from '../domain/checkout.ts';
import type { CheckoutRepository } from '../domain/ports.ts';
import { checkoutKey, type TransactItem } from './keys.ts';

function checkoutItem(key: CheckoutKey, record: CheckoutRecord) {
  return { ...checkoutKey(key), record, expiresAt: Math.floor(record.expiresAt / 1000) };
}

/** The transaction item that writes a key's record (part of the order's last write at checkout). */
export function checkoutPutItem(table: string, key: CheckoutKey, record: CheckoutRecord): TransactItem {
  return { Put: { TableName: table, Item: checkoutItem(key, record) } };
}

export class CheckoutStore implements CheckoutRepository {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async getCheckout(key: CheckoutKey): Promise<CheckoutRecord | undefined> {
    const { Item } = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: checkoutKey(key), ConsistentRead: true }),
    );
    return Item ? (Item['record'] as CheckoutRecord) : undefined;
  }

  async claimCheckout(
    key: CheckoutKey,
    record: CheckoutRecord,
    previous: CheckoutRecord | undefined,
  ): Promise<boolean> {
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: checkoutItem(key, record),
          ...(previous === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now' }
            : { ConditionExpression: '#r.leaseUntil = :lease AND #r.#s = :progress' }),
          ExpressionAttributeValues:
            previous === undefined
              ? { ':now': Math.floor(Date.now() / 1000) }
              : { ':lease': previous.leaseUntil, ':progress': 'in_progress' },
          ...(previous === undefined ? {} : { ExpressionAttributeNames: { '#r': 'record', '#s': 'status' } }),
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  async saveCheckout(key: CheckoutKey, record: CheckoutRecord): Promise<void> {
    await this.#db.send(
      new TransactWriteCommand({ TransactItems: [checkoutPutItem(this.#table, key, record)] }),
    );
  }
}
