// Module-scope wiring shared by the customer service's handlers.
import { CustomerRegistered, CustomerUpdated } from '@commerce/events';
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import { UnauthorizedError } from '@commerce/lambda-kit/errors';
import type { Principal } from '@commerce/lambda-kit/http';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import * as z from 'zod';
import { newCustomer, setDefaults, snapshot, type Address, type Customer } from './domain/customer.ts';
import { DynamoCustomerStore } from './store.ts';

const env = loadEnv(z.object({ TABLE_NAME: z.string().min(1) }));

export const store = new DynamoCustomerStore(createDocumentClient(), env.TABLE_NAME);

/**
 * The signed-in customer's profile. Created here on first use when it does not exist yet: the
 * post-confirmation trigger creates it at sign-up, but the local emulator never calls that trigger, and a
 * failed trigger invocation must not leave a customer without a profile.
 */
export async function currentCustomer(
  principal: Principal | undefined,
  correlationId: string,
): Promise<Customer> {
  if (!principal || principal.kind !== 'user') throw new UnauthorizedError('Sign in as a customer.');
  const existing = await store.get(principal.sub);
  if (existing) return existing;
  const created = await register(principal.sub, principal.email ?? '', correlationId);
  if (created) return created;
  const raced = await store.get(principal.sub);
  if (!raced) throw new Error('Profile vanished after a concurrent create');
  return raced;
}

/**
 * Creates the profile of a newly confirmed user with customer.registered in the same transaction. Returns
 * the profile, or undefined when it existed already (so the event is emitted exactly once).
 */
export async function register(
  sub: string,
  email: string,
  correlationId: string,
): Promise<Customer | undefined> {
  const created = newCustomer(sub, email, new Date());
  const event = outboxItem(CustomerRegistered, snapshot(created), { correlationId });
  return (await store.createIfMissing(created, event)) ? created : undefined;
}

/** What a customer sees of themselves. */
export function profileView(c: Customer) {
  return {
    ...snapshot(c),
    ...(c.defaultShippingAddressId ? { defaultShippingAddressId: c.defaultShippingAddressId } : {}),
    ...(c.defaultBillingAddressId ? { defaultBillingAddressId: c.defaultBillingAddressId } : {}),
  };
}

/**
 * Writes an address (`create` or `replace`) together with the profile, its default flags and
 * customer.updated in one transaction; the profile's version moves even when no default changed, so the
 * address count and the defaults cannot race with another change.
 */
export async function saveAddress(
  customer: Customer,
  address: Address,
  defaults: { shipping?: boolean | undefined; billing?: boolean | undefined },
  mode: 'create' | 'replace',
  correlationId: string,
): Promise<void> {
  const now = new Date();
  const change = setDefaults(customer, address.id, defaults, now);
  const touched =
    change.changedFields.length > 0
      ? change
      : { ...change, after: { ...customer, version: customer.version + 1, updatedAt: now.toISOString() } };
  await store.saveChange(
    touched,
    outboxItem(
      CustomerUpdated,
      { customer: snapshot(touched.after), changedFields: ['addresses', ...change.changedFields] },
      { correlationId },
    ),
    [store.addressPut(customer.id, address, mode)],
  );
}
