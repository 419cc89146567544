// The customer service end to end: sign-up to profile, addresses, the object-level matrix, segments by
// staff, mass assignment, export and account deletion.
import { beforeAll, describe, expect, it } from 'vitest';
import { api, bearer, passwordSignIn, signIn, signUp } from './support.ts';

const address = {
  name: 'Ada Lovelace',
  line1: '12 St James Square',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
};

let a: Awaited<ReturnType<typeof signUp>>;
let b: Awaited<ReturnType<typeof signUp>>;
let staff = '';

beforeAll(async () => {
  [a, b, staff] = await Promise.all([signUp(), signUp(), signIn(['staff'])]);
});

describe('customer profile', () => {
  it('exists after sign-up, confirmation and sign-in', async () => {
    const me = await api('GET', '/me', undefined, bearer(a.token));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: a.email, segments: [], version: 1 });
  });

  it('changes what the customer may change, and refuses segments, groups and email (nothing changed)', async () => {
    const before = (await api('GET', '/me', undefined, bearer(a.token))).body;
    for (const field of [{ segments: ['vip'] }, { groups: ['admin'] }, { email: 'x@example.com' }]) {
      const res = await api('PATCH', '/me', { version: before.version, ...field }, bearer(a.token));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ detail: 'Unknown field.' })]);
    }
    expect((await api('GET', '/me', undefined, bearer(a.token))).body).toEqual(before);

    const updated = await api(
      'PATCH',
      '/me',
      {
        version: before.version,
        givenName: 'Ada',
        locale: 'en-GB',
        preferredCurrency: 'GBP',
        marketingConsent: { email: true, sms: false },
      },
      bearer(a.token),
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ givenName: 'Ada', preferredCurrency: 'GBP', segments: [] });
    const stale = await api('PATCH', '/me', { version: before.version, givenName: 'X' }, bearer(a.token));
    expect(stale.status).toBe(409);
  });
});

describe('addresses and the object-level matrix', () => {
  it('belong to their customer only', async () => {
    const created = await api(
      'POST',
      '/me/addresses',
      { ...address, defaultShipping: true },
      bearer(a.token),
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const list = await api('GET', '/me/addresses', undefined, bearer(a.token));
    expect(list.body.items).toEqual([
      expect.objectContaining({ id, defaultShipping: true, defaultBilling: false }),
    ]);

    // B sees none of A's data and cannot touch A's address by its id.
    expect((await api('GET', '/me/addresses', undefined, bearer(b.token))).body.items).toEqual([]);
    expect((await api('GET', '/me', undefined, bearer(b.token))).body.email).toBe(b.email);
    expect(
      (await api('PUT', `/me/addresses/${id}`, { ...address, city: 'Paris' }, bearer(b.token))).status,
    ).toBe(404);
    expect((await api('DELETE', `/me/addresses/${id}`, undefined, bearer(b.token))).status).toBe(404);
    expect((await api('GET', '/me/addresses', undefined, bearer(a.token))).body.items).toEqual([
      expect.objectContaining({ id, city: 'London' }),
    ]);
    // Nor reach the staff view of A.
    const aId = (await api('GET', '/me', undefined, bearer(a.token))).body.id as string;
    expect((await api('GET', `/customers/${aId}`, undefined, bearer(b.token))).status).toBe(403);

    const replaced = await api('PUT', `/me/addresses/${id}`, { ...address, city: 'Oxford' }, bearer(a.token));
    expect(replaced.body).toMatchObject({ city: 'Oxford' });
    expect((await api('DELETE', `/me/addresses/${id}`, undefined, bearer(a.token))).status).toBe(204);
    expect(
      (await api('GET', '/me', undefined, bearer(a.token))).body.defaultShippingAddressId,
    ).toBeUndefined();
  });

  it('are validated field by field', async () => {
    const res = await api(
      'POST',
      '/me/addresses',
      { ...address, country: 'Britain', owner: 'x' },
      bearer(a.token),
    );
    expect(res.status).toBe(400);
    const pointers = (res.body.errors as { pointer: string }[]).map((e) => e.pointer).sort();
    expect(pointers).toEqual(['/country', '/owner']);
  });
});

describe('staff', () => {
  it('see customers and set their segments', async () => {
    const me = (await api('GET', '/me', undefined, bearer(b.token))).body;
    const viewed = await api('GET', `/customers/${me.id as string}`, undefined, bearer(staff));
    expect(viewed.status).toBe(200);
    expect(viewed.body).toMatchObject({ email: b.email, addresses: [] });
    const set = await api(
      'PUT',
      `/customers/${me.id as string}/segments`,
      { version: me.version, segments: ['vip', 'wholesale'] },
      bearer(staff),
    );
    expect(set.status).toBe(200);
    expect((await api('GET', '/me', undefined, bearer(b.token))).body.segments).toEqual(['vip', 'wholesale']);
    const listed = await api('GET', '/customers?limit=100', undefined, bearer(staff));
    expect(listed.body.items!.map((c) => c.id)).toContain(me.id);
  });
});

describe('leaving', () => {
  it('exports everything, then anonymizes the profile and disables sign-in', async () => {
    const c = await signUp();
    await api('POST', '/me/addresses', address, bearer(c.token));
    const exported = await api('GET', '/me/export', undefined, bearer(c.token));
    expect(exported.body).toMatchObject({
      profile: { email: c.email },
      addresses: [expect.objectContaining({ city: 'London' })],
    });
    const id = (exported.body.profile as { id: string }).id;

    expect((await api('DELETE', '/me', undefined, bearer(c.token))).status).toBe(204);
    const viewed = await api('GET', `/customers/${id}`, undefined, bearer(staff));
    expect(viewed.body).toMatchObject({ email: `deleted-${id}@invalid`, addresses: [] });
    expect(viewed.body.givenName).toBeUndefined();
    await expect(passwordSignIn(c.email, c.password)).rejects.toThrow();
  });
});
