// GET /me/orders (customer): the customer's orders, newest first.
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersContract } from '../contract.ts';
import { store } from '../runtime.ts';
import { customer } from './support.ts';

export const handler = httpRoute({
  ...ordersContract['GET /me/orders'],
  handler: async ({ principal, query }) => {
    const { customerId } = customer(principal);
    const codec = await cursors();
    const scope = `my-orders:${customerId}`;
    const page = await store.listCustomerOrders(customerId, query.limit, codec.decode(query.cursor, scope));
    const nextCursor = codec.encode(page.next, scope);
    return { status: 200, body: { items: page.items, ...(nextCursor ? { nextCursor } : {}) } };
  },
});
