// A closed account (customer.deleted) in orders: the cart is replaced by the mark of the closed account,
// and the account's access token, still valid for a few minutes, reads, creates, changes, merges and checks
// out nothing. In-memory ports (./support).
import { UnauthorizedError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../functions/orders/domain/order.ts';
import { checkoutAnswer } from '../../../functions/orders/http/checkout-answer.ts';
import { ADDRESS, APPROVE, context, ordersWorld, SKU } from './support/world.ts';

const access = { kind: 'customer', customerId: 'cust-1', email: 'grace@example.com' } as const;

describe('a closed account', () => {
  it('has its cart deleted, and its token can neither read nor change a cart nor check out', async () => {
    const w = ordersWorld();
    await w.carts.addLine(access, SKU, 1, context.correlationId);
    await w.carts.updateCart(access, { shippingAddress: ADDRESS, shippingMethod: 'standard' }, 'c');
    const guest = await w.readyGuestCart();

    await w.referenceData.forgetCustomer('cust-1');

    expect(w.table.cart('c-cust-1')).toBeUndefined();
    expect(w.table.cartClosed('c-cust-1')).toBe(true);
    const c = context.correlationId;
    const attempts: [string, () => Promise<unknown>][] = [
      ['read the cart', () => w.carts.getCart(access, c)],
      ['add a line', () => w.carts.addLine(access, SKU, 1, c)],
      ['change the cart', () => w.carts.updateCart(access, { shippingMethod: null }, c)],
      ['remove a line', () => w.carts.removeLine(access, SKU, c)],
      [
        'merge a guest cart',
        () =>
          w.carts.mergeGuestCart(
            access,
            { cartId: guest.cartId, secret: (guest.access as { secret: string }).secret },
            c,
          ),
      ],
      ['check out', () => w.checkout.checkout(access, 'key-1', APPROVE, context)],
    ];
    for (const [what, attempt] of attempts) {
      await expect(attempt(), what).rejects.toThrow(UnauthorizedError);
    }
    expect(w.table.cartClosed('c-cust-1')).toBe(true);
    expect(w.table.cart(guest.cartId)).toBeDefined();
    expect(w.table.allOrders()).toEqual([]);
    expect(w.peers.callsOf('reserve')).toEqual([]);
  });

  it('leaves other customers’ carts alone', async () => {
    const w = ordersWorld();
    const other = { ...access, customerId: 'cust-2' };
    await w.carts.addLine(other, SKU, 1, context.correlationId);

    await w.referenceData.forgetCustomer('cust-1');

    expect((await w.carts.getCart(other, context.correlationId)).record.cart.lines).toHaveLength(1);
  });

  it('cannot cancel its own orders with the old token', async () => {
    const w = ordersWorld();
    await w.carts.addLine(access, SKU, 1, context.correlationId);
    await w.carts.updateCart(access, { shippingAddress: ADDRESS, shippingMethod: 'standard' }, 'c');
    const { order } = checkoutAnswer(await w.checkout.checkout(access, 'key-1', APPROVE, context)).body as {
      order: Order;
    };

    await w.referenceData.forgetCustomer('cust-1');

    await expect(w.operations.cancelOwnOrder('cust-1', order.id, undefined, context)).rejects.toThrow(
      UnauthorizedError,
    );
    expect(w.table.order(order.id)?.status).toBe(order.status);
  });
});
