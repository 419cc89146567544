// DynamoDB adapter of the orders service. One table, single-table keys:
//   CART#<id> / CART                 a cart (guest: secret hash; customer: id `c-<sub>`), expires when idle
//   SKU#<sku> / SKU                  what orders knows of a SKU: product, title, weight, published (product.*)
//   SEGMENTS#<sub> / SEGMENTS        a customer's price segments (customer.*), for the pricing quote
//   ORDER#<id> / ORDER               an order; gsi1 CUSTOMER#<sub> and gsi2 ORDERS, both by createdAt
//   ORDERNUMBER#<number> / ORDER     which order has a number
//   COUNTER#<year> / COUNTER         the order-number sequence of a year
//   CHECKOUT#<scope hash> / CHECKOUT an Idempotency-Key: the request's fingerprint, the order, the answer
//   OUTBOX#<eventId> / EVENT         events written in the same transaction as the change they announce
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { key, ttlAfter } from '@commerce/lambda-kit';
import { batchGetAll } from '@commerce/lambda-kit/batch-get';
import { conditionFailed } from '@commerce/lambda-kit/conditions';
import { VersionConflictError } from '@commerce/lambda-kit/errors';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { StartKey, StoredPage } from '@commerce/lambda-kit/pagination';
import { createHash } from 'node:crypto';
import type { Cart } from './domain/cart.ts';
import type { Order } from './domain/order.ts';

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/** An idle cart is forgotten after this long. */
export const CART_TTL_SECONDS = 30 * 24 * 60 * 60;
/** How long an Idempotency-Key is remembered. */
export const CHECKOUT_KEY_TTL_SECONDS = 24 * 60 * 60;

const cartKey = (id: string) => ({ pk: key('CART', id), sk: 'CART' });
const skuKey = (sku: string) => ({ pk: key('SKU', sku), sk: 'SKU' });
const segmentsKey = (sub: string) => ({ pk: key('SEGMENTS', sub), sk: 'SEGMENTS' });
const orderKey = (id: string) => ({ pk: key('ORDER', id), sk: 'ORDER' });
const numberKey = (n: string) => ({ pk: key('ORDERNUMBER', n), sk: 'ORDER' });
const checkoutKey = (scope: string, idempotencyKey: string) => ({
  pk: key('CHECKOUT', createHash('sha256').update(`${scope}\n${idempotencyKey}`).digest('hex')),
  sk: 'CHECKOUT',
});

export interface CartRecord {
  readonly cart: Cart;
  /** Guests give one for the order's messages; customers use their account's. */
  readonly email: string | null;
}

export interface SkuRecord {
  readonly sku: string;
  readonly productId: string;
  readonly title: string;
  readonly weightGrams: number;
  readonly published: boolean;
  readonly productVersion: number;
}

/** A stored checkout answer, replayed for a retry with the same key. */
export interface CheckoutAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly contentType: string;
}

export interface CheckoutRecord {
  readonly fingerprint: string;
  readonly status: 'in_progress' | 'completed';
  readonly orderId: string;
  /** Epoch ms; an in-progress claim older than this may be taken over (its Lambda died). */
  readonly leaseUntil: number;
  readonly answer?: CheckoutAnswer;
  /** Epoch ms. */
  readonly expiresAtMs: number;
}

export type OrderPage = StoredPage<Order>;

export type { TransactItem };

export class OrdersStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  // --- carts -------------------------------------------------------------------------------------------

  async getCart(id: string): Promise<CartRecord | undefined> {
    const { Item } = await this.#db.send(new GetCommand({ TableName: this.#table, Key: cartKey(id) }));
    return Item ? { cart: Item['cart'] as Cart, email: (Item['email'] as string | null) ?? null } : undefined;
  }

  /** Writes the cart if the stored one is still at `expectedVersion` (undefined: it must not exist). */
  async saveCart(record: CartRecord, expectedVersion: number | undefined): Promise<void> {
    try {
      await this.#db.send(new PutCommand(this.#cartPut(record, expectedVersion)));
    } catch (error) {
      if (conditionFailed(error)) throw new VersionConflictError();
      throw error;
    }
  }

  /** Saves the customer's cart and deletes the guest's, in one transaction (merge on sign-in). */
  async mergeCarts(target: CartRecord, targetVersion: number | undefined, guest: Cart): Promise<void> {
    try {
      await this.#db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: this.#cartPut(target, targetVersion) },
            {
              Delete: {
                TableName: this.#table,
                Key: cartKey(guest.id),
                ConditionExpression: '#c.#v = :v',
                ExpressionAttributeNames: { '#c': 'cart', '#v': 'version' },
                ExpressionAttributeValues: { ':v': guest.version },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (conditionFailed(error)) throw new VersionConflictError();
      throw error;
    }
  }

  #cartPut(record: CartRecord, expectedVersion: number | undefined) {
    return {
      TableName: this.#table,
      Item: {
        ...cartKey(record.cart.id),
        cart: record.cart,
        email: record.email,
        expiresAt: ttlAfter(CART_TTL_SECONDS),
      },
      ...(expectedVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: '#c.#v = :v',
            ExpressionAttributeNames: { '#c': 'cart', '#v': 'version' },
            ExpressionAttributeValues: { ':v': expectedVersion },
          }),
    };
  }

  /** The transaction item that removes a cart (part of a successful checkout's write). */
  deleteCartItem(id: string): TransactItem {
    return { Delete: { TableName: this.#table, Key: cartKey(id) } };
  }

  // --- what orders knows of products and customers ------------------------------------------------------

  /** The SKUs and, for a customer, their segments, in one BatchGetItem. */
  async loadForPricing(
    skus: readonly string[],
    customerId: string | null,
  ): Promise<{ skus: Map<string, SkuRecord>; segments: readonly string[] }> {
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

  /** Records a product's SKUs unless a newer version of the product is recorded already. */
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

  // --- checkout idempotency ------------------------------------------------------------------------------

  async getCheckout(scope: string, idempotencyKey: string): Promise<CheckoutRecord | undefined> {
    const { Item } = await this.#db.send(
      new GetCommand({
        TableName: this.#table,
        Key: checkoutKey(scope, idempotencyKey),
        ConsistentRead: true,
      }),
    );
    return Item ? (Item['record'] as CheckoutRecord) : undefined;
  }

  /**
   * Claims a key for a first request, or takes over a claim whose lease ran out (`previous` as read).
   * False when someone else claimed or completed it in between.
   */
  async claimCheckout(
    scope: string,
    idempotencyKey: string,
    record: CheckoutRecord,
    previous: CheckoutRecord | undefined,
  ): Promise<boolean> {
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: {
            ...checkoutKey(scope, idempotencyKey),
            record,
            expiresAt: Math.floor(record.expiresAtMs / 1000),
          },
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

  /** The transaction item that completes a claimed key with its answer (part of the order's last write). */
  completeCheckoutItem(scope: string, idempotencyKey: string, record: CheckoutRecord): TransactItem {
    return {
      Put: {
        TableName: this.#table,
        Item: {
          ...checkoutKey(scope, idempotencyKey),
          record,
          expiresAt: Math.floor(record.expiresAtMs / 1000),
        },
      },
    };
  }

  async completeCheckout(scope: string, idempotencyKey: string, record: CheckoutRecord): Promise<void> {
    await this.#db.send(
      new TransactWriteCommand({ TransactItems: [this.completeCheckoutItem(scope, idempotencyKey, record)] }),
    );
  }

  // --- orders ------------------------------------------------------------------------------------------

  /** The next order number's sequence for `year` (one atomic counter per year). */
  async nextSequence(year: number): Promise<number> {
    const { Attributes } = await this.#db.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: { pk: key('COUNTER', year), sk: 'COUNTER' },
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

  /**
   * Creates the order with its number and events in one transaction; false when the order exists already
   * (a retried checkout).
   */
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

  /** Writes the order if the stored one is at `expectedVersion`, with its events and extra items. */
  async saveOrder(
    order: Order,
    expectedVersion: number,
    events: readonly OutboxItem[],
    extra: readonly TransactItem[] = [],
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
            ...extra,
          ],
        }),
      );
    } catch (error) {
      if (conditionFailed(error)) throw new VersionConflictError();
      throw error;
    }
  }

  /** A customer's orders, newest first. */
  async listCustomerOrders(
    customerId: string,
    limit: number,
    start: StartKey | undefined,
  ): Promise<OrderPage> {
    return this.#page('gsi1', 'gsi1pk', key('CUSTOMER', customerId), limit, start);
  }

  /** Every order, newest first, optionally only those with a status or an email (filtered while read). */
  async listOrders(
    filter: { readonly status?: string | undefined; readonly email?: string | undefined },
    limit: number,
    start: StartKey | undefined,
  ): Promise<OrderPage> {
    return this.#page('gsi2', 'gsi2pk', 'ORDERS', limit, start, filter);
  }

  async #page(
    index: string,
    pkName: string,
    pk: string,
    limit: number,
    start: StartKey | undefined,
    filter: { readonly status?: string | undefined; readonly email?: string | undefined } = {},
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
