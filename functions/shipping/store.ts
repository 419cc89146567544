// DynamoDB adapter of the shipping store. One table, single-table keys:
//   RATES / TABLE                    every zone and method with its rate (one item, read in one GetItem)
//   SHIPMENT#<id> / SHIPMENT         a shipment: status, tracking history, label, version
//   TRACKING#<number> / SHIPMENT     which shipment a tracking number belongs to (carrier webhooks)
//   OUTBOX#<eventId> / EVENT         events written in the same transaction as the change they announce
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { key } from '@commerce/lambda-kit';
import { conditionFailed } from '@commerce/lambda-kit/conditions';
import { ConflictError, VersionConflictError } from '@commerce/lambda-kit/errors';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { CarrierLabel } from './domain/carrier.ts';
import { RateTableConflict, type ShipmentRecord, type ShippingStore } from './domain/ports.ts';
import { EMPTY_RATE_TABLE, type RateTable } from './domain/rate-table.ts';
import type { Shipment } from './domain/shipment.ts';

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];
type Key = { pk: string; sk: string };

const RATE_TABLE_KEY: Key = { pk: 'RATES', sk: 'TABLE' };
const shipmentKey = (id: string): Key => ({ pk: key('SHIPMENT', id), sk: 'SHIPMENT' });
const trackingKey = (trackingNumber: string): Key => ({
  pk: key('TRACKING', trackingNumber),
  sk: 'SHIPMENT',
});

export class DynamoShippingStore implements ShippingStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  /** The rate table; `consistent` for the read before a write. */
  async getRateTable(consistent = false): Promise<RateTable> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: RATE_TABLE_KEY, ConsistentRead: consistent }),
    );
    if (!out.Item) return EMPTY_RATE_TABLE;
    const { zones, methods, version } = out.Item as unknown as RateTable;
    return { zones, methods, version };
  }

  /** Stores `table` over the version read; throws RateTableConflict when another write came first. */
  async saveRateTable(table: RateTable): Promise<void> {
    const item = {
      ...RATE_TABLE_KEY,
      zones: table.zones,
      methods: table.methods,
      version: table.version + 1,
    };
    try {
      await this.#db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#table,
                Item: item,
                ...(table.version === 0
                  ? { ConditionExpression: 'attribute_not_exists(pk)' }
                  : {
                      ConditionExpression: 'version = :v',
                      ExpressionAttributeValues: { ':v': table.version },
                    }),
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (conditionFailed(error)) throw new RateTableConflict();
      throw error;
    }
  }

  async getShipment(id: string): Promise<ShipmentRecord | undefined> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: shipmentKey(id), ConsistentRead: true }),
    );
    return out.Item ? recordOf(out.Item) : undefined;
  }

  async findByTrackingNumber(trackingNumber: string): Promise<ShipmentRecord | undefined> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: trackingKey(trackingNumber), ConsistentRead: true }),
    );
    const shipmentId = out.Item?.shipmentId as string | undefined;
    return shipmentId === undefined ? undefined : this.getShipment(shipmentId);
  }

  /**
   * Stores a new shipment, its tracking number and its events in one transaction. ConflictError
   * (`shipment-exists`) when a shipment with that id exists already.
   */
  async createShipment(
    record: Omit<ShipmentRecord, 'version'>,
    events: readonly OutboxItem[],
  ): Promise<void> {
    const { shipment } = record;
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.#table,
          Item: { ...shipmentKey(shipment.id), ...itemOf({ ...record, version: 1 }) },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      this.#trackingPut(shipment),
      ...this.#outbox(events),
    ];
    try {
      await this.#db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (conditionFailed(error)) {
        throw new ConflictError(`Shipment ${shipment.id} exists already.`, 'shipment-exists');
      }
      throw error;
    }
  }

  /** Replaces `previous` (as read) by `shipment`, with the events the change announces, in one transaction. */
  async saveShipment(
    previous: ShipmentRecord,
    shipment: Shipment,
    events: readonly OutboxItem[],
  ): Promise<ShipmentRecord> {
    const next: ShipmentRecord = { ...previous, shipment, version: previous.version + 1 };
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.#table,
          Item: { ...shipmentKey(shipment.id), ...itemOf(next) },
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': previous.version },
        },
      },
      // A new tracking number (staff relabelled the parcel) gets its lookup; the old one keeps pointing here.
      ...(previous.shipment.trackingNumber === shipment.trackingNumber ? [] : [this.#trackingPut(shipment)]),
      ...this.#outbox(events),
    ];
    try {
      await this.#db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (conditionFailed(error)) throw new VersionConflictError();
      throw error;
    }
    return next;
  }

  #trackingPut(shipment: Shipment): TransactItem {
    return {
      Put: {
        TableName: this.#table,
        Item: { ...trackingKey(shipment.trackingNumber), shipmentId: shipment.id },
      },
    };
  }

  #outbox(events: readonly OutboxItem[]): TransactItem[] {
    return events.map((event) => ({ Put: { TableName: this.#table, Item: { ...event } } }));
  }
}

function itemOf(record: ShipmentRecord): Record<string, unknown> {
  return {
    ...record.shipment,
    version: record.version,
    ...(record.methodId === undefined ? {} : { methodId: record.methodId }),
    ...(record.label === undefined ? {} : { label: record.label }),
  };
}

function recordOf(item: Record<string, unknown>): ShipmentRecord {
  const { pk: _pk, sk: _sk, version, methodId, label, ...shipment } = item;
  return {
    shipment: shipment as unknown as Shipment,
    version: version as number,
    ...(typeof methodId === 'string' ? { methodId } : {}),
    ...(label === undefined ? {} : { label: label as CarrierLabel }),
  };
}
