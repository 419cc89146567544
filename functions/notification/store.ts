// DynamoDB adapter of the delivery log. One table:
//   DELIVERY#<eventId>#<channel> / DELIVERY   one delivery's log entry; the key is its dedupe key, so a
//                                             conditional write claims it. gsi1 CUSTOMER#<customerId> /
//                                             <occurredAt>#<eventId>#<channel> for GET /me/notifications;
//                                             a guest order's entries sit under ORDER#<orderId> instead.
//   IDEMPOTENCY#<consumer> / …                the kit consumer's once-per-event-id records
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { key } from '@commerce/lambda-kit';
import type { StartKey, StoredPage } from '@commerce/lambda-kit/pagination';
import type { Channel, DeliveryLogEntry } from './domain/notification.ts';
import type { DeliveryLogReader, DeliveryRecord, DeliveryStore, ListedDelivery } from './domain/ports.ts';

const SK = 'DELIVERY';
const deliveryKey = (eventId: string, channel: Channel) => ({
  pk: key('DELIVERY', eventId, channel),
  sk: SK,
});

/** The log a record is listed in: its customer's, or its order's for a guest checkout. */
function owner(record: DeliveryRecord): string {
  return record.customerId === null ? key('ORDER', record.orderId) : key('CUSTOMER', record.customerId);
}

function itemOf(record: DeliveryRecord): Record<string, unknown> {
  const { entry } = record;
  return {
    ...deliveryKey(entry.eventId, entry.channel),
    gsi1pk: owner(record),
    gsi1sk: key(record.occurredAt, entry.eventId, entry.channel),
    ...entry,
    dedupeKey: record.key,
    orderId: record.orderId,
    orderNumber: record.orderNumber,
    customerId: record.customerId,
    occurredAt: record.occurredAt,
    ...(record.failure === undefined ? {} : { failure: record.failure }),
  };
}

function recordOf(item: Record<string, unknown>): DeliveryRecord {
  const i = item as Record<string, string | null | undefined>;
  return {
    key: i.dedupeKey as string,
    entry: entryOf(item),
    orderId: i.orderId as string,
    orderNumber: i.orderNumber as string,
    customerId: i.customerId ?? null,
    occurredAt: i.occurredAt as string,
    ...(typeof i.failure === 'string' ? { failure: i.failure } : {}),
  };
}

function entryOf(item: Record<string, unknown>): DeliveryLogEntry {
  const { eventId, kind, channel, to, status, at } = item as unknown as DeliveryLogEntry;
  return { eventId, kind, channel, to, status, at };
}

export class DynamoNotificationStore implements DeliveryStore, DeliveryLogReader {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async claim(
    record: DeliveryRecord,
  ): Promise<{ claimed: true } | { claimed: false; existing: DeliveryRecord }> {
    if (await this.#put(record, 'attribute_not_exists(pk)')) return { claimed: true };
    const out = await this.#db.send(
      new GetCommand({
        TableName: this.#table,
        Key: deliveryKey(record.entry.eventId, record.entry.channel),
        ConsistentRead: true,
      }),
    );
    // Nothing deletes entries; should one vanish between the write and the read, the event is retried.
    if (!out.Item) throw new Error(`Delivery entry ${record.key} changed while being claimed`);
    return { claimed: false, existing: recordOf(out.Item) };
  }

  reclaim(record: DeliveryRecord, existing: DeliveryRecord): Promise<boolean> {
    return this.#put(record, '#status = :status AND #at = :at', existing.entry);
  }

  settle(settled: DeliveryRecord, claim: DeliveryRecord): Promise<boolean> {
    return this.#put(settled, '#status = :status AND #at = :at', claim.entry);
  }

  /** A customer's log, newest event first. */
  async listForCustomer(
    customerId: string,
    limit: number,
    startKey?: StartKey,
  ): Promise<StoredPage<ListedDelivery>> {
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :owner',
        ExpressionAttributeValues: { ':owner': key('CUSTOMER', customerId) },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return {
      items: (out.Items ?? []).map((item) => ({
        ...entryOf(item),
        orderId: item.orderId as string,
        orderNumber: item.orderNumber as string,
      })),
      lastKey: out.LastEvaluatedKey as StartKey | undefined,
    };
  }

  /** Puts the record under `condition`; false when the condition did not hold. */
  async #put(record: DeliveryRecord, condition: string, expected?: DeliveryLogEntry): Promise<boolean> {
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: itemOf(record),
          ConditionExpression: condition,
          ...(expected === undefined
            ? {}
            : {
                ExpressionAttributeNames: { '#status': 'status', '#at': 'at' },
                ExpressionAttributeValues: { ':status': expected.status, ':at': expected.at },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
