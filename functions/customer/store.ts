// DynamoDB adapter of the customer store. One table:
//   CUSTOMER#<sub> / PROFILE        the profile; gsi1 CUSTOMERS / <createdAt>#<sub> for staff listing
//   CUSTOMER#<sub> / ADDRESS#<id>   an address of that customer (the key makes it unreachable for others)
//   OUTBOX#<eventId> / EVENT        events written in the same transaction
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { key } from '@commerce/lambda-kit';
import { ConflictError, NotFoundError, VersionConflictError } from '@commerce/lambda-kit/errors';
import { retryOnConflict } from '@commerce/lambda-kit/retry';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { StartKey, StoredPage } from '@commerce/lambda-kit/pagination';
import type { Address, Customer } from './domain/customer.ts';
import type { AddressWrite, CustomerStore } from './domain/ports.ts';

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

const profileKey = (id: string) => ({ pk: key('CUSTOMER', id), sk: 'PROFILE' });
const addressKey = (customerId: string, id: string) => ({
  pk: key('CUSTOMER', customerId),
  sk: key('ADDRESS', id),
});

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...rest } = item;
  return rest as T;
}

export class DynamoCustomerStore implements CustomerStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async get(id: string): Promise<Customer | undefined> {
    const out = await this.#db.send(new GetCommand({ TableName: this.#table, Key: profileKey(id) }));
    return out.Item ? strip<Customer>(out.Item) : undefined;
  }

  #profilePut(c: Customer, condition: 'new' | { version: number }): TransactItem {
    return {
      Put: {
        TableName: this.#table,
        Item: { ...profileKey(c.id), ...c, gsi1pk: 'CUSTOMERS', gsi1sk: `${c.createdAt}#${c.id}` },
        ...(condition === 'new'
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': condition.version } }),
      },
    };
  }

  /** Creates the profile unless it exists; true when this call created it (and its event went out). */
  async createIfMissing(customer: Customer, outbox: readonly OutboxItem[]): Promise<boolean> {
    try {
      await this.#transact([this.#profilePut(customer, 'new')], outbox);
      return true;
    } catch (error) {
      if (error instanceof VersionConflictError) return false;
      throw error;
    }
  }

  async saveChange(
    change: { readonly before: Customer; readonly after: Customer },
    outbox: readonly OutboxItem[],
    addresses: readonly AddressWrite[] = [],
  ): Promise<void> {
    await this.#transact(
      [
        this.#profilePut(change.after, { version: change.before.version }),
        ...addresses.map((write) => this.#addressItem(change.after.id, write)),
      ],
      outbox,
    );
  }

  async listAddresses(customerId: string): Promise<Address[]> {
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
        ExpressionAttributeValues: { ':pk': key('CUSTOMER', customerId), ':a': 'ADDRESS#' },
      }),
    );
    return (out.Items ?? []).map((i) => strip<Address>(i));
  }

  /** A Put of an address (a new one must not exist, a replaced one must), or the Delete of an existing one. */
  #addressItem(customerId: string, write: AddressWrite): TransactItem {
    if (write.kind === 'delete') {
      return {
        Delete: {
          TableName: this.#table,
          Key: addressKey(customerId, write.addressId),
          ConditionExpression: 'attribute_exists(pk)',
        },
      };
    }
    return {
      Put: {
        TableName: this.#table,
        Item: { ...addressKey(customerId, write.address.id), ...write.address },
        ConditionExpression: write.kind === 'create' ? 'attribute_not_exists(pk)' : 'attribute_exists(pk)',
      },
    };
  }

  async list(limit: number, startKey?: StartKey): Promise<StoredPage<Customer>> {
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': 'CUSTOMERS' },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return {
      items: (out.Items ?? []).map((i) => strip<Customer>(i)),
      lastKey: out.LastEvaluatedKey as StartKey | undefined,
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
      if (error instanceof TransactionCanceledException) {
        const index = error.CancellationReasons?.findIndex((r) => r.Code === 'ConditionalCheckFailed') ?? -1;
        if (index === 0) throw new VersionConflictError();
        if (index > 0) {
          const failed = all[index];
          if (failed?.Put?.ConditionExpression === 'attribute_not_exists(pk)') {
            throw new ConflictError('That address already exists.', 'address-exists');
          }
          throw new NotFoundError('No such address.');
        }
      }
      throw error;
    }
  }
}
