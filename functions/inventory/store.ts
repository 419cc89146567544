// DynamoDB adapter of the inventory store. One table:
//   STOCK#<sku> / WAREHOUSE#<warehouseId>   stock level: onHand, reserved, available (= onHand − reserved), version
//   STOCK#<sku> / SUMMARY                   the SKU's totals over all warehouses (public availability reads it)
//   STOCK#<sku> / LEDGER#<at>#<id>          one adjustment (newest last in key order)
//   WAREHOUSE#<id> / WAREHOUSE              a warehouse; gsi1 WAREHOUSES / <id>
//   RESERVATION#<orderId> / RESERVATION     a reservation; gsi1 HELD_RESERVATIONS / <expiresAt>#<orderId> while
//                                           held (a sparse index: the expiry sweep reads it, not the TTL)
//   OUTBOX#<eventId> / EVENT                events written in the same transaction (see lambda-kit/outbox)
// Every step is one TransactWriteItems whose conditions are the domain's guards (`available >= q`, ...),
// never read-then-write. A reservation's `expiresAt` is an ISO string, which the table's TTL (a Number
// attribute) ignores: reservations never vanish on their own.
import { TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { key } from '@commerce/lambda-kit';
import { batchGetAll } from '@commerce/lambda-kit/batch-get';
import { conditionFailed } from '@commerce/lambda-kit/conditions';
import { VersionConflictError } from '@commerce/lambda-kit/errors';
import { randomUUID } from 'node:crypto';
import {
  StockWriteRefused,
  type InventoryStore,
  type Refusal,
  type StockSnapshot,
  type StockView,
  type StockWrite,
} from './domain/ports.ts';
import type { Reservation } from './domain/reservation.ts';
import type { LedgerEntry, StockDelta, StockLevel } from './domain/stock.ts';
import type { SkuTotals, TotalsChange } from './domain/totals.ts';
import type { Warehouse } from './domain/warehouse.ts';

type Item = Record<string, unknown>;
type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

const SUMMARY_SK = 'SUMMARY';
const HELD = 'HELD_RESERVATIONS';

const stockPk = (sku: string) => key('STOCK', sku);
const levelKey = (sku: string, warehouseId: string) => ({
  pk: stockPk(sku),
  sk: key('WAREHOUSE', warehouseId),
});
const summaryKey = (sku: string) => ({ pk: stockPk(sku), sk: SUMMARY_SK });
const warehouseKey = (id: string) => ({ pk: key('WAREHOUSE', id), sk: 'WAREHOUSE' });
const reservationKey = (id: string) => ({ pk: key('RESERVATION', id), sk: 'RESERVATION' });

/** What each item of a transaction guards, so a cancelled transaction says which guard failed. */
type Guard = { kind: Exclude<Refusal, 'contention'>; sku?: string } | { kind: 'none' };

function strip<T>(item: Item): T {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...rest } = item;
  return rest as T;
}

function toLevel(item: Item): StockLevel & { updatedAt?: string } {
  return {
    sku: item.sku as string,
    warehouseId: item.warehouseId as string,
    onHand: item.onHand as number,
    reserved: item.reserved as number,
    version: item.version as number,
    ...(typeof item.updatedAt === 'string' ? { updatedAt: item.updatedAt } : {}),
  };
}

function toTotals(item: Item): SkuTotals {
  return {
    sku: item.sku as string,
    onHand: item.onHand as number,
    reserved: item.reserved as number,
    available: item.available as number,
  };
}

export class DynamoInventoryStore implements InventoryStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  // ---------------------------------------------------------------------------------------------------
  // Reservations and stock steps

  async getReservation(id: string): Promise<Reservation | undefined> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: reservationKey(id), ConsistentRead: true }),
    );
    return out.Item ? strip<Reservation>(out.Item) : undefined;
  }

  async readStock(skus: readonly string[]): Promise<StockSnapshot> {
    const levels: StockLevel[] = [];
    const totals = new Map<string, SkuTotals>();
    await Promise.all(
      skus.map(async (sku) => {
        // SUMMARY and WAREHOUSE#… sort after LEDGER#…: one query reads the totals and every level.
        for (const item of await this.#queryAll({
          KeyConditionExpression: 'pk = :pk AND sk >= :from',
          ExpressionAttributeValues: { ':pk': stockPk(sku), ':from': SUMMARY_SK },
          ConsistentRead: true,
        })) {
          if (item.sk === SUMMARY_SK) totals.set(sku, toTotals(item));
          else levels.push(toLevel(item));
        }
      }),
    );
    return { levels, totals };
  }

  async write(step: StockWrite): Promise<void> {
    const now = new Date().toISOString();
    const items: [TransactItem, Guard][] = [];
    if (step.reservation) items.push(this.#reservationPut(step.reservation));
    if (step.ledger) items.push(...this.#ledgerItems(step.ledger));
    for (const delta of step.deltas) items.push(this.#levelUpdate(delta, now));
    for (const change of step.totals) items.push(this.#totalsUpdate(change, now));
    for (const event of step.events) {
      items.push([{ Put: { TableName: this.#table, Item: { ...event } } }, { kind: 'none' }]);
    }
    try {
      await this.#db.send(new TransactWriteCommand({ TransactItems: items.map(([item]) => item) }));
    } catch (error) {
      throw refusalOf(error, items) ?? error;
    }
  }

  async dueReservations(now: Date, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let startKey: Item | undefined;
    do {
      const out = await this.#db.send(
        new QueryCommand({
          TableName: this.#table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :p AND gsi1sk < :due',
          // `<expiresAt>#<id>` < `<now>$`: every hold that ended at or before now (`#` sorts before `$`).
          ExpressionAttributeValues: { ':p': HELD, ':due': `${now.toISOString()}$` },
          Limit: Math.min(100, limit - ids.length),
          ExclusiveStartKey: startKey,
        }),
      );
      ids.push(...(out.Items ?? []).map((i) => i.id as string));
      startKey = out.LastEvaluatedKey;
    } while (startKey && ids.length < limit);
    return ids;
  }

  #reservationPut({ after, expected }: NonNullable<StockWrite['reservation']>): [TransactItem, Guard] {
    const held = after.status === 'held';
    return [
      {
        Put: {
          TableName: this.#table,
          Item: {
            ...reservationKey(after.id),
            ...after,
            // In the sweep's index only while held; any other status drops it from there.
            ...(held ? { gsi1pk: HELD, gsi1sk: `${after.expiresAt}#${after.id}` } : {}),
          },
          ...(expected === 'none'
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: '#status = :status AND #version = :version',
                ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
                ExpressionAttributeValues: { ':status': expected.status, ':version': expected.version },
              }),
        },
      },
      { kind: 'reservation' },
    ];
  }

  #ledgerItems(entry: LedgerEntry): [TransactItem, Guard][] {
    return [
      [
        {
          ConditionCheck: {
            TableName: this.#table,
            Key: warehouseKey(entry.warehouseId),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
        { kind: 'warehouse' },
      ],
      [
        {
          Put: {
            TableName: this.#table,
            Item: {
              pk: stockPk(entry.sku),
              sk: key('LEDGER', entry.at, randomUUID()),
              ...entry,
            },
          },
        },
        { kind: 'none' },
      ],
    ];
  }

  /** ADD the delta to the level, under the delta's guards (`available >= q`, `reserved >= q`, version). */
  #levelUpdate(delta: StockDelta, now: string): [TransactItem, Guard] {
    const { requires } = delta;
    const conditions: string[] = [];
    const values: Item = {
      ':onHand': delta.onHand,
      ':reserved': delta.reserved,
      ':available': delta.available,
      ':one': 1,
      ':sku': delta.sku,
      ':warehouseId': delta.warehouseId,
      ':now': now,
    };
    if (requires.version === 0) {
      conditions.push('attribute_not_exists(pk)');
    } else {
      conditions.push('attribute_exists(pk)');
      if (requires.version !== undefined) {
        conditions.push('#version = :version');
        values[':version'] = requires.version;
      }
    }
    if (requires.available !== undefined) {
      conditions.push('#available >= :minAvailable');
      values[':minAvailable'] = requires.available;
    }
    if (requires.reserved !== undefined) {
      conditions.push('#reserved >= :minReserved');
      values[':minReserved'] = requires.reserved;
    }
    return [
      {
        Update: {
          TableName: this.#table,
          Key: levelKey(delta.sku, delta.warehouseId),
          UpdateExpression:
            'SET #sku = :sku, #warehouseId = :warehouseId, #updatedAt = :now ' +
            'ADD #onHand :onHand, #reserved :reserved, #available :available, #version :one',
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: {
            '#sku': 'sku',
            '#warehouseId': 'warehouseId',
            '#updatedAt': 'updatedAt',
            '#onHand': 'onHand',
            '#reserved': 'reserved',
            '#available': 'available',
            '#version': 'version',
          },
          ExpressionAttributeValues: values,
        },
      },
      { kind: 'stock', sku: delta.sku },
    ];
  }

  /** ADD the change to the SKU's totals, under the range of totals its availability announcement holds for. */
  #totalsUpdate(change: TotalsChange, now: string): [TransactItem, Guard] {
    const { min, max } = change.requires;
    const values: Item = {
      ':onHand': change.onHand,
      ':reserved': change.reserved,
      ':available': change.available,
      ':sku': change.sku,
      ':now': now,
    };
    const bounds: string[] = [];
    if (min > 0) {
      bounds.push('#available >= :min');
      values[':min'] = min;
    }
    if (max !== undefined) {
      bounds.push('#available <= :max');
      values[':max'] = max;
    }
    // A SKU without totals yet has a total of 0.
    const condition =
      bounds.length === 0
        ? undefined
        : min <= 0
          ? `(attribute_not_exists(#available) OR (${bounds.join(' AND ')}))`
          : bounds.join(' AND ');
    return [
      {
        Update: {
          TableName: this.#table,
          Key: summaryKey(change.sku),
          UpdateExpression:
            'SET #sku = :sku, #updatedAt = :now ADD #onHand :onHand, #reserved :reserved, #available :available',
          ...(condition ? { ConditionExpression: condition } : {}),
          ExpressionAttributeNames: {
            '#sku': 'sku',
            '#updatedAt': 'updatedAt',
            '#onHand': 'onHand',
            '#reserved': 'reserved',
            '#available': 'available',
          },
          ExpressionAttributeValues: values,
        },
      },
      { kind: 'totals', sku: change.sku },
    ];
  }

  // ---------------------------------------------------------------------------------------------------
  // Staff and public reads

  async getStock(sku: string, ledgerLimit: number): Promise<StockView> {
    const [snapshot, ledger] = await Promise.all([
      this.readStock([sku]),
      this.#db.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ledger)',
          ExpressionAttributeValues: { ':pk': stockPk(sku), ':ledger': 'LEDGER#' },
          ScanIndexForward: false,
          Limit: ledgerLimit,
        }),
      ),
    ]);
    return {
      levels: [...snapshot.levels].sort((a, b) => a.warehouseId.localeCompare(b.warehouseId)),
      totals: snapshot.totals.get(sku),
      ledger: (ledger.Items ?? []).map((i) => strip<LedgerEntry>(i)),
    };
  }

  async getTotals(skus: readonly string[]): Promise<SkuTotals[]> {
    const items = await batchGetAll(this.#db, this.#table, [...new Set(skus)].map(summaryKey));
    return items.map(toTotals);
  }

  // ---------------------------------------------------------------------------------------------------
  // Warehouses

  async getWarehouse(id: string): Promise<Warehouse | undefined> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: warehouseKey(id), ConsistentRead: true }),
    );
    return out.Item ? strip<Warehouse>(out.Item) : undefined;
  }

  async listWarehouses(): Promise<Warehouse[]> {
    const items = await this.#queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': 'WAREHOUSES' },
    });
    return items.map((i) => strip<Warehouse>(i));
  }

  async saveWarehouse(warehouse: Warehouse, expected: 'none' | { readonly version: number }): Promise<void> {
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: { ...warehouseKey(warehouse.id), ...warehouse, gsi1pk: 'WAREHOUSES', gsi1sk: warehouse.id },
          ...(expected === 'none'
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: '#version = :version',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':version': expected.version },
              }),
        }),
      );
    } catch (error) {
      if (conditionFailed(error)) throw new VersionConflictError();
      throw error;
    }
  }

  async #queryAll(
    query: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName' | 'ExclusiveStartKey'>,
  ): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const out = await this.#db.send(
        new QueryCommand({ TableName: this.#table, ...query, ExclusiveStartKey: startKey }),
      );
      items.push(...(out.Items ?? []));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}

/**
 * Maps a cancelled transaction to the guard that refused it: a failed condition first (reservation, then
 * warehouse, stock, totals), else a conflict with a concurrent transaction. Undefined for anything else.
 */
function refusalOf(error: unknown, items: readonly [TransactItem, Guard][]): StockWriteRefused | undefined {
  if (error instanceof TransactionConflictException) return new StockWriteRefused('contention');
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reasons = error.CancellationReasons ?? [];
  const failed = items
    .map(([, guard], i) => ({ guard, code: reasons[i]?.Code }))
    .filter((f) => f.code === 'ConditionalCheckFailed');
  for (const kind of ['reservation', 'warehouse', 'stock', 'totals'] as const) {
    const hits = failed.filter((f) => f.guard.kind === kind);
    if (hits.length > 0) {
      return new StockWriteRefused(kind, [
        ...new Set(hits.flatMap((h) => ('sku' in h.guard && h.guard.sku ? [h.guard.sku] : []))),
      ]);
    }
  }
  if (reasons.some((r) => r.Code === 'TransactionConflict')) return new StockWriteRefused('contention');
  return undefined;
}
