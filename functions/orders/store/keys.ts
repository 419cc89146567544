// The orders table's keys. One table, single-table design:
//   CART#<id> / CART                 a cart (guest: secret hash; customer: id `c-<sub>`), expires when idle
//   SKU#<sku> / SKU                  what orders knows of a SKU: product, title, weight, published (product.*)
//   SEGMENTS#<sub> / SEGMENTS        a customer's price segments (customer.*), for the pricing quote
//   ORDER#<id> / ORDER               an order; gsi1 CUSTOMER#<sub> and gsi2 ORDERS, both by createdAt
//   ORDERNUMBER#<number> / ORDER     which order has a number
//   COUNTER#<year> / COUNTER         the order-number sequence of a year
//   CHECKOUT#<scope hash> / CHECKOUT an Idempotency-Key: the request's fingerprint, the order, the outcome
//   OUTBOX#<eventId> / EVENT         events written in the same transaction as the change they announce
import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { key } from '@commerce/lambda-kit';
import { createHash } from 'node:crypto';
import type { CheckoutKey } from '../domain/checkout.ts';

/** One item of a TransactWriteItems call. */
export type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

export const cartKey = (id: string) => ({ pk: key('CART', id), sk: 'CART' });
export const skuKey = (sku: string) => ({ pk: key('SKU', sku), sk: 'SKU' });
export const segmentsKey = (sub: string) => ({ pk: key('SEGMENTS', sub), sk: 'SEGMENTS' });
export const orderKey = (id: string) => ({ pk: key('ORDER', id), sk: 'ORDER' });
export const numberKey = (n: string) => ({ pk: key('ORDERNUMBER', n), sk: 'ORDER' });
export const counterKey = (year: number) => ({ pk: key('COUNTER', year), sk: 'COUNTER' });
export const checkoutKey = ({ scope, idempotencyKey }: CheckoutKey) => ({
  pk: key('CHECKOUT', createHash('sha256').update(`${scope}\n${idempotencyKey}`).digest('hex')),
  sk: 'CHECKOUT',
});
