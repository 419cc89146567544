// The customer service's use cases on in-memory ports: the profile created on first use, address defaults,
// what each change announces, segments, and leaving (sign-in account removed first, then anonymized).
import {
  NotFoundError,
  UnauthorizedError,
  UnprocessableError,
  VersionConflictError,
} from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import { AccountClosure, Customers, type Caller } from '../../../functions/customer/customer.ts';
import { MAX_ADDRESSES } from '../../../functions/customer/domain/customer.ts';
import { MemoryCustomerStore, MemorySignIn } from './memory-store.ts';

const now = new Date('2026-04-01T09:00:00.000Z');
const context = { correlationId: 'corr-1' };
const shopper: Caller = { kind: 'user', sub: 'sub-1', email: 'erika@example.com' };

const home = {
  name: 'Erika Mustermann',
  line1: 'Hauptstr. 1',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};

function setup() {
  const store = new MemoryCustomerStore();
  const signIn = new MemorySignIn();
  let ids = 0;
  const customers = new Customers(store, { clock: () => now, newId: () => `addr-${++ids}` });
  const closure = new AccountClosure(customers, store, signIn, () => now);
  return { store, signIn, customers, closure };
}

describe('the profile', () => {
  it('is created on first use and announced as customer.registered once', async () => {
    const { store, customers } = setup();
    const first = await customers.profile(shopper, context);
    const second = await customers.profile(shopper, context);
    expect(first).toEqual(second);
    expect(first).toMatchObject({ id: 'sub-1', email: 'erika@example.com', segments: [], version: 1 });
    expect(await customers.register('sub-1', 'erika@example.com', context)).toBeUndefined();
    expect(store.published).toEqual([
      {
        detailType: 'customer.registered',
        metadata: expect.objectContaining({
          correlationId: 'corr-1',
          occurredAt: now.toISOString(),
        }) as unknown,
        data: first,
      },
    ]);
  });

  it('is only for a signed-in customer', async () => {
    const { customers } = setup();
    await expect(customers.profile(undefined, context)).rejects.toThrow(UnauthorizedError);
    await expect(customers.profile({ ...shopper, kind: 'client' }, context)).rejects.toThrow(
      UnauthorizedError,
    );
  });

  it('changes at the version read, announcing the changed fields, and not at all when nothing changes', async () => {
    const { store, customers } = setup();
    await customers.profile(shopper, context);
    const changed = await customers.updateProfile(shopper, 1, { givenName: 'Erika', locale: 'de' }, context);
    expect(changed).toMatchObject({ givenName: 'Erika', locale: 'de', version: 2 });
    expect(store.published[1]).toMatchObject({
      detailType: 'customer.updated',
      data: { customer: changed, changedFields: ['givenName', 'locale'] },
    });
    await expect(customers.updateProfile(shopper, 1, { givenName: 'Eri' }, context)).rejects.toThrow(
      VersionConflictError,
    );
    expect(await customers.updateProfile(shopper, 2, { givenName: 'Erika' }, context)).toEqual(changed);
    expect(store.writes).toBe(2);
  });
});

describe('addresses', () => {
  it('make the first address the default shipping address when asked, and announce that', async () => {
    const { store, customers } = setup();
    const address = await customers.addAddress(shopper, { ...home, defaultShipping: true }, context);
    expect(address).toEqual({ id: 'addr-1', ...home });
    const profile = await customers.profile(shopper, context);
    expect(profile).toMatchObject({ defaultShippingAddressId: 'addr-1', version: 2 });
    expect(profile).not.toHaveProperty('defaultBillingAddressId');
    expect(store.published[1]).toMatchObject({
      detailType: 'customer.updated',
      data: { changedFields: ['addresses', 'defaultShippingAddressId'], customer: { version: 2 } },
    });
  });

  it('move the profile version for an address that changes no default, and keep the defaults', async () => {
    const { store, customers } = setup();
    await customers.addAddress(shopper, { ...home, defaultShipping: true, defaultBilling: true }, context);
    await customers.addAddress(shopper, { ...home, line1: 'Nebenstr. 2' }, context);
    expect(await customers.profile(shopper, context)).toMatchObject({
      defaultShippingAddressId: 'addr-1',
      defaultBillingAddressId: 'addr-1',
      version: 3,
    });
    expect(store.published[2]).toMatchObject({ data: { changedFields: ['addresses'] } });
    expect(await customers.addresses(shopper, context)).toEqual([
      { id: 'addr-1', ...home, defaultShipping: true, defaultBilling: true },
      { id: 'addr-2', ...home, line1: 'Nebenstr. 2', defaultShipping: false, defaultBilling: false },
    ]);
  });

  it('move a default to a replaced address, and drop it with the address removed', async () => {
    const { customers } = setup();
    await customers.addAddress(shopper, { ...home, defaultShipping: true, defaultBilling: true }, context);
    await customers.addAddress(shopper, home, context);
    await customers.replaceAddress(
      shopper,
      'addr-2',
      { ...home, city: 'Hamburg', defaultBilling: true },
      context,
    );
    expect(await customers.profile(shopper, context)).toMatchObject({
      defaultShippingAddressId: 'addr-1',
      defaultBillingAddressId: 'addr-2',
    });
    await customers.removeAddress(shopper, 'addr-1', context);
    const profile = await customers.profile(shopper, context);
    expect(profile).not.toHaveProperty('defaultShippingAddressId');
    expect(profile).toMatchObject({ defaultBillingAddressId: 'addr-2', version: 5 });
    expect((await customers.addresses(shopper, context)).map((a) => a.id)).toEqual(['addr-2']);
  });

  it('refuse an address beyond the limit, and replacing one that does not exist, writing nothing', async () => {
    const { store, customers } = setup();
    for (let i = 0; i < MAX_ADDRESSES; i++) await customers.addAddress(shopper, home, context);
    const writes = store.writes;
    await expect(customers.addAddress(shopper, home, context)).rejects.toMatchObject({
      problemType: 'too-many-addresses',
    });
    await expect(customers.addAddress(shopper, home, context)).rejects.toThrow(UnprocessableError);
    await expect(customers.replaceAddress(shopper, 'nope', home, context)).rejects.toThrow(NotFoundError);
    expect(store.writes).toBe(writes);
  });
});

describe('staff', () => {
  it('set segments sorted and once, announced as the segments changing', async () => {
    const { store, customers } = setup();
    await customers.profile(shopper, context);
    const changed = await customers.setSegments('sub-1', 1, ['vip', 'wholesale', 'vip'], context);
    expect(changed).toMatchObject({ segments: ['vip', 'wholesale'], version: 2 });
    expect(store.published[1]).toMatchObject({ data: { changedFields: ['segments'] } });
    await expect(customers.setSegments('sub-1', 1, ['vip'], context)).rejects.toThrow(VersionConflictError);
    await expect(customers.setSegments('nobody', 1, ['vip'], context)).rejects.toThrow(NotFoundError);
  });

  it('see a customer with their addresses', async () => {
    const { customers } = setup();
    await customers.addAddress(shopper, home, context);
    expect(await customers.customer('sub-1')).toMatchObject({ id: 'sub-1', addresses: [{ id: 'addr-1' }] });
    await expect(customers.customer('nobody')).rejects.toThrow(NotFoundError);
  });
});

describe('leaving', () => {
  it('removes the sign-in account, anonymizes the profile, deletes the addresses and announces customer.deleted', async () => {
    const { store, signIn, customers, closure } = setup();
    await customers.addAddress(shopper, home, context);
    await closure.close(shopper, context);
    expect(signIn.removed).toEqual(new Set(['sub-1']));
    expect(store.profiles.get('sub-1')).toMatchObject({
      email: 'deleted-sub-1@invalid',
      status: 'deleted',
      version: 3,
    });
    expect(await store.listAddresses('sub-1')).toEqual([]);
    expect(store.published.at(-1)).toMatchObject({
      detailType: 'customer.deleted',
      data: { id: 'sub-1', deletedAt: now.toISOString() },
    });
    await expect(customers.setSegments('sub-1', 3, ['vip'], context)).rejects.toThrow(NotFoundError);
  });

  it('leaves the old access token nothing to read or change, and no way to bring the profile back', async () => {
    const { store, customers, closure } = setup();
    await customers.addAddress(shopper, home, context);
    await closure.close(shopper, context);
    const closed = store.profiles.get('sub-1');
    const published = store.published.length;

    await expect(customers.profile(shopper, context)).rejects.toThrow(UnauthorizedError);
    await expect(customers.updateProfile(shopper, 3, { givenName: 'Back' }, context)).rejects.toThrow(
      UnauthorizedError,
    );
    await expect(customers.addAddress(shopper, home, context)).rejects.toThrow(UnauthorizedError);
    await expect(customers.exportData(shopper, context)).rejects.toThrow(UnauthorizedError);
    await expect(closure.close(shopper, context)).rejects.toThrow(UnauthorizedError);

    expect(store.profiles.get('sub-1')).toEqual(closed);
    expect(await store.listAddresses('sub-1')).toEqual([]);
    expect(store.published).toHaveLength(published);
  });

  it('changes nothing when the sign-in account cannot be removed', async () => {
    const { store, signIn, customers, closure } = setup();
    await customers.profile(shopper, context);
    signIn.failing = true;
    await expect(closure.close(shopper, context)).rejects.toThrow('Cognito is unavailable');
    expect(store.profiles.get('sub-1')).toMatchObject({ status: 'active', version: 1 });
    expect(store.published.map((e) => e.detailType)).toEqual(['customer.registered']);
  });
});
