// DynamoDB adapter of the orders (OrderRepository): one item per order with top-level copies for the
// indexes and the staff filters, its number's item, the yearly number counter, and the outbox items written
// in the same transaction as the change they announce.
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { key } from '@commerce/lambda-kit';
import { conditionFailed } from '@commerce/lambda-kit/conditions';
import { VersionConflictError } from '@commerce/lambda-kit/errors';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { StartKey } from '@commerce/lambda-kit/pagination';
import type { Order } from '../domain/order.ts';
import type { AlongsideOrder, OrderFilter, OrderPage, OrderRepository } from '../domain/ports.ts';
import { cartCloseItem } from './cart-store.ts';
import { checkoutPutItem } from './checkout-store.ts';
import { counterKey, numberKey, orderKey, type TransactItem } from './keys.ts';

export class OrderStore implements OrderRepository {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async nextSequence(year: number): Promise<number> {
    const { Attributes } = await this.#db.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: counterKey(year),
        UpdateExpression: 'ADD seq :one',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Attributes?.['seq'] as number;
  }

  async getOrder(id: string): Promise<Order | undefined> {
    const { Item } = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: orderKey(id), ConsistentRead: true }),
    );
    return Item ? (Item['order'] as Order) : undefined;
  }

  async findOrderIdByNumber(number: string): Promise<string | undefined> {
    const { Item } = await this.#db.send(new GetCommand({ TableName: this.#table, Key: numberKey(number) }));
    return Item?.['orderId'] as string | undefined;
  }

  async createOrder(order: Order, events: readonly OutboxItem[]): Promise<boolean> {
    try {
      await this.#db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#table,
                Item: this.#orderItem(order),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.#table,
                Item: { ...numberKey(order.number), orderId: order.id },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...this.#outbox(events),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  async saveOrder(
    order: Order,
    expectedVersion: number,
    events: readonly OutboxItem[],
    alongside: AlongsideOrder = {},
  ): Promise<void> {
    try {
      await this.#db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#table,
                Item: this.#orderItem(order),
                ConditionExpression: '#o.#v = :v',
                ExpressionAttributeNames: { '#o': 'order', '#v': 'version' },
                ExpressionAttributeValues: { ':v': expectedVersion },
              },
            },
            ...this.#outbox(events),
            ...(alongside.checkout
              ? [checkoutPutItem(this.#table, alongside.checkout.key, alongside.checkout.record)]
              : []),
            ...(alongside.closeCart ? [cartCloseItem(this.#table, alongside.closeCart)] : []),
          ],
        }),
      );
    } catch (error) {
      if (conditionFailed(error)) throw new VersionConflictError();
      throw error;
    }
  }

  async listCustomerOrders(
    customerId: string,
    limit: number,
    start: StartKey | undefined,
  ): Promise<OrderPage> {
    return this.#page('gsi1', 'gsi1pk', key('CUSTOMER', customerId), limit, start);
  }

  /** Filters while reading (status and email are top-level copies on the order's item). */
  async listOrders(filter: OrderFilter, limit: number, start: StartKey | undefined): Promise<OrderPage> {
    return this.#page('gsi2', 'gsi2pk', 'ORDERS', limit, start, filter);
  }

  async #page(
    index: string,
    pkName: string,
    pk: string,
    limit: number,
    start: StartKey | undefined,
    filter: OrderFilter = {},
  ): Promise<OrderPage> {
    const conditions: string[] = [];
    const names: Record<string, string> = { '#pk': pkName };
    const values: Record<string, unknown> = { ':pk': pk };
    if (filter.status !== undefined) {
      conditions.push('#status = :status');
      names['#status'] = 'status';
      values[':status'] = filter.status;
    }
    if (filter.email !== undefined) {
      conditions.push('#email = :email');
      names['#email'] = 'email';
      values[':email'] = filter.email.toLowerCase();
    }
    const { Items, LastEvaluatedKey } = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ...(conditions.length ? { FilterExpression: conditions.join(' AND ') } : {}),
        ScanIndexForward: false,
        Limit: limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    return {
      items: (Items ?? []).map((i) => i['order'] as Order),
      lastKey: LastEvaluatedKey as StartKey | undefined,
    };
  }

  #orderItem(order: Order): Record<string, unknown> {
    const sort = `${order.createdAt}#${order.id}`;
    return {
      ...orderKey(order.id),
      order,
      // Top-level copies for the indexes and the staff filters.
      status: order.status,
      email: order.email.toLowerCase(),
      ...(order.customerId !== null ? { gsi1pk: key('CUSTOMER', order.customerId), gsi1sk: sort } : {}),
      gsi2pk: 'ORDERS',
      gsi2sk: sort,
    };
  }

  #outbox(events: readonly OutboxItem[]): TransactItem[] {
    return events.map((item) => ({
      Put: { TableName: this.#table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
    }));
  }
}
