// DynamoDB adapter of the carts (CartRepository): one item per cart, written at the version read. The item
// also holds the cart's checkout lock (`checkoutLock`, written only by checkout: saving the cart updates
// its own attributes and leaves the lock alone), and once a checkout placed its order the item is closed:
// the cart goes, `checkedOutBy` names the order (and the guest's secret hash stays, so a retry can prove
// it may ask) until a day later.
import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ttlAfter } from '@commerce/lambda-kit';
import { conditionFailed } from '@commerce/lambda-kit/conditions';
import { VersionConflictError } from '@commerce/lambda-kit/errors';
import type { Cart, CartCheckoutLock, CartCheckoutView, CartRecord } from '../domain/cart.ts';
import type { CartRepository } from '../domain/ports.ts';
import { cartKey, type TransactItem } from './keys.ts';

/** An idle cart is forgotten after this long. */
export const CART_TTL_SECONDS = 30 * 24 * 60 * 60;
/** A closed cart's marker is kept as long as a retry of its checkout may come (the key's lifetime). */
export const CLOSED_CART_TTL_SECONDS = 24 * 60 * 60;

/**
 * How long the mark of a closed account's cart is kept: far longer than the account's access tokens live
 * (15 minutes, plus the authorizer's 5-minute cache), after which it expires like a cart.
 */
export const CLOSED_ACCOUNT_TTL_SECONDS = 24 * 60 * 60;

/** The transaction item that closes a cart (part of a successful checkout's write). */
export function cartCloseItem(
  table: string,
  { cartId, orderId, secretHash }: { cartId: string; orderId: string; secretHash: string | null },
): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: {
        ...cartKey(cartId),
        checkedOutBy: orderId,
        secretHash,
        expiresAt: ttlAfter(CLOSED_CART_TTL_SECONDS),
      },
    },
  };
}

export class CartStore implements CartRepository {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async getCart(id: string): Promise<CartRecord | 'closed' | undefined> {
    const { Item } = await this.#db.send(new GetCommand({ TableName: this.#table, Key: cartKey(id) }));
    // The mark of a closed account answers 'closed'; a cart a checkout closed (no `cart`) is no cart.
    if (Item?.['closed'] === true) return 'closed';
    return Item?.['cart'] ? cartRecord(Item) : undefined;
  }

  async getCartForCheckout(id: string): Promise<CartCheckoutView | 'closed' | undefined> {
    const { Item } = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: cartKey(id), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    if (Item['closed'] === true) return 'closed';
    const record = Item['cart'] ? cartRecord(Item) : undefined;
    return {
      record,
      customerId: record?.cart.customerId ?? null,
      secretHash: record ? record.cart.secretHash : ((Item['secretHash'] as string | null) ?? null),
      lock: (Item['checkoutLock'] as CartCheckoutLock | undefined) ?? null,
      checkedOutBy: (Item['checkedOutBy'] as string | undefined) ?? null,
    };
  }

  /** The mark replaces the cart (its lines and addresses are gone); every cart write's condition fails on it. */
  async closeCart(id: string): Promise<void> {
    await this.#db.send(
      new PutCommand({
        TableName: this.#table,
        Item: { ...cartKey(id), closed: true, expiresAt: ttlAfter(CLOSED_ACCOUNT_TTL_SECONDS) },
      }),
    );
  }

  async saveCart(record: CartRecord, expectedVersion: number | undefined): Promise<void> {
    try {
      await this.#db.send(new UpdateCommand(this.#cartUpdate(record, expectedVersion)));
    } catch (error) {
      if (conditionFailed(error)) throw new VersionConflictError();
      throw error;
    }
  }

  async mergeCarts(target: CartRecord, targetVersion: number | undefined, guest: Cart): Promise<void> {
    try {
      await this.#db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: this.#cartUpdate(target, targetVersion) },
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

  async lockCart(id: string, lock: CartCheckoutLock, replacing: string | undefined): Promise<boolean> {
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: cartKey(id),
          UpdateExpression: 'SET #lock = :lock',
          ConditionExpression:
            'attribute_exists(#cart) AND (attribute_not_exists(#lock) OR #lock.#order = :mine' +
            (replacing === undefined ? ')' : ' OR #lock.#order = :stale)'),
          ExpressionAttributeNames: { '#cart': 'cart', '#lock': 'checkoutLock', '#order': 'orderId' },
          ExpressionAttributeValues: {
            ':lock': lock,
            ':mine': lock.orderId,
            ...(replacing === undefined ? {} : { ':stale': replacing }),
          },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  async unlockCart(id: string, orderId: string): Promise<void> {
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: cartKey(id),
          UpdateExpression: 'REMOVE #lock',
          ConditionExpression: '#lock.#order = :mine',
          ExpressionAttributeNames: { '#lock': 'checkoutLock', '#order': 'orderId' },
          ExpressionAttributeValues: { ':mine': orderId },
        }),
      );
    } catch (error) {
      // Someone else's lock, or none: nothing of ours to free.
      if (!conditionFailed(error)) throw error;
    }
  }

  /** Writes the cart's own attributes (a new cart replaces a closed one's marker), never its lock. */
  #cartUpdate(record: CartRecord, expectedVersion: number | undefined) {
    return {
      TableName: this.#table,
      Key: cartKey(record.cart.id),
      UpdateExpression: 'SET #c = :cart, #email = :email, #exp = :exp REMOVE #closed',
      ExpressionAttributeNames: {
        '#c': 'cart',
        '#email': 'email',
        '#exp': 'expiresAt',
        '#closed': 'checkedOutBy',
        ...(expectedVersion === undefined ? {} : { '#v': 'version' }),
      },
      ExpressionAttributeValues: {
        ':cart': record.cart,
        ':email': record.email,
        ':exp': ttlAfter(CART_TTL_SECONDS),
        ...(expectedVersion === undefined ? {} : { ':v': expectedVersion }),
      },
      ConditionExpression: expectedVersion === undefined ? 'attribute_not_exists(#c)' : '#c.#v = :v',
    };
  }
}

function cartRecord(item: Record<string, unknown>): CartRecord {
  const cart = item['cart'] as Cart;
  // Carts stored before promotion codes existed have none.
  return { cart: { ...cart, codes: cart.codes ?? [] }, email: (item['email'] as string | null) ?? null };
}
