// After DELETE /me the account's access token is still a valid JWT for up to 15 minutes (the authorizer
// verifies it offline and caches its answer): it must change nothing. The customer service refuses it at
// once (its own table says the profile is closed); orders as soon as it has consumed customer.deleted.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, bearer, eventually, passwordSignIn, signUp } from './support.ts';

const address = {
  name: 'Ada Lovelace',
  line1: '12 St James Square',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
};

describe('a closed account’s token', () => {
  it('gets 401 for every write after DELETE /me, and no new token is issued', async () => {
    const shopper = await signUp();
    const auth = bearer(shopper.token);
    const me = await api('GET', '/me', undefined, auth);
    expect(me.status).toBe(200);
    const { version } = me.body as { version: number };
    // The same writes work before.
    expect((await api('PATCH', '/me/cart', { shippingMethod: null }, auth)).status).toBe(200);
    expect((await api('POST', '/me/addresses', address, auth)).status).toBe(201);

    expect((await api('DELETE', '/me', undefined, auth)).status).toBe(204);

    const refused = [
      await api('PATCH', '/me', { version: version + 1, givenName: 'Back' }, auth),
      await api('POST', '/me/addresses', address, auth),
      await api('GET', '/me', undefined, auth),
      await api('GET', '/me/export', undefined, auth),
      await api('DELETE', '/me', undefined, auth),
    ];
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect((refused[0]!.body as { type: string }).type).toBe('urn:commerce:problem:unauthorized');
    // Orders closes the cart when customer.deleted arrives (seconds).
    await eventually(
      async () =>
        (await api('PATCH', '/me/cart', { shippingMethod: null }, auth)).status === 401 ? true : undefined,
      45_000,
      'the cart refused to the closed account',
    );
    const checkout = await api(
      'POST',
      '/me/cart/checkout',
      { payment: { token: 'tok_sandbox_approve' } },
      { ...auth, 'idempotency-key': randomUUID() },
    );
    expect(checkout.status).toBe(401);
    await expect(passwordSignIn(shopper.email, shopper.password)).rejects.toThrow();
  });
});
