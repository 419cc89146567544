// The DynamoDB adapter of the orders service: the repository port (domain/ports.ts) over one table, one
// adapter per concern (store/): carts, what orders knows of SKUs and segments, Idempotency-Keys, orders.
// The table's keys: store/keys.ts.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OrdersRepository } from './domain/ports.ts';
import { CartStore } from './store/cart-store.ts';
import { CheckoutStore } from './store/checkout-store.ts';
import { OrderStore } from './store/order-store.ts';
import { ReferenceDataStore } from './store/reference-data-store.ts';

export function ordersStore(db: DynamoDBDocumentClient, table: string): OrdersRepository {
  return {
    carts: new CartStore(db, table),
    referenceData: new ReferenceDataStore(db, table),
    checkouts: new CheckoutStore(db, table),
    orders: new OrderStore(db, table),
  };
}
