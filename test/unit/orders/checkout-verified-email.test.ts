// Checkout for a customer whose account email is not verified: the authorizer hands on no email then, and
// checkout refuses (422 email-not-verified) before anything is held, priced into an order or charged.
import { DomainError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import { idempotencyState } from '../../../functions/orders/domain/idempotency.ts';
import { APPROVE, context, ordersWorld, SKU } from './support/world.ts';

const ADDRESS = {
  name: 'Grace Hopper',
  line1: 'Alexanderplatz 1',
  city: 'Berlin',
  postalCode: '10178',
  country: 'DE',
};

describe('checkout of a customer without a verified email', () => {
  it('refuses with 422 email-not-verified: no order, no reservation, no payment, the key released', async () => {
    const w = ordersWorld();
    const access = { kind: 'customer', customerId: 'cust-1', email: undefined } as const;
    await w.carts.addLine(access, SKU, 1, context.correlationId);
    await w.carts.updateCart(access, { shippingAddress: ADDRESS, shippingMethod: 'standard' }, 'c');

    const refusal = await w.checkout.checkout(access, 'key-1', APPROVE, context).then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ status: 422, problemType: 'email-not-verified' });
    expect(w.table.allOrders()).toEqual([]);
    expect(w.table.events()).toEqual([]);
    expect(w.peers.callsOf('reserve')).toEqual([]);
    expect(w.peers.callsOf('authorize')).toEqual([]);
    const key = w.table.checkout({ scope: 'customer:cust-1', idempotencyKey: 'key-1' });
    expect(key && idempotencyState(key, w.clock.now())).toBe('expired');
  });
});
