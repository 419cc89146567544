// DynamoDB adapter of the carts (CartRepository): one item per cart, written at the version read.
import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ttlAfter } from '@commerce/lambda-kit';
import { conditionFailed } from '@commerce/lambda-kit/conditions';
import { VersionConflictError } from '@commerce/lambda-kit/errors';
import type { Cart, CartRecord } from '../domain/cart.ts';
import type { CartRepository } from '../domain/ports.ts';
import { cartKey, type TransactItem } from './keys.ts';

/** An idle cart is forgotten after this long. */
export const CART_TTL_SECONDS = 30 * 24 * 60 * 60;

/**
 * How long the mark of a closed account's cart is kept: far longer than the account's access tokens live
 * (15 minutes, plus the authorizer's 5-minute cache), after which it expires like a cart.
 */
export const CLOSED_CART_TTL_SECONDS = 24 * 60 * 60;

/** The transaction item that removes a cart (part of a successful checkout's write). */
export function cartDeleteItem(table: string, id: string): TransactItem {
  return { Delete: { TableName: table, Key: cartKey(id) } };
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
    if (Item?.['closed'] === true) return 'closed';
    return Item ? { cart: Item['cart'] as Cart, email: (Item['email'] as string | null) ?? null } : undefined;
  }

  /** The mark replaces the cart (its lines and addresses are gone); every cart write's condition fails on it. */
  async closeCart(id: string): Promise<void> {
    await this.#db.send(
      new PutCommand({
        TableName: this.#table,
        Item: { ...cartKey(id), closed: true, expiresAt: ttlAfter(CLOSED_CART_TTL_SECONDS) },
      }),
    );
  }

  async saveCart(record: CartRecord, expectedVersion: number | undefined): Promise<void> {
    try {
      await this.#db.send(new PutCommand(this.#cartPut(record, expectedVersion)));
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
}
