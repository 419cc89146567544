// POST /me/addresses: add an address, optionally as the default for shipping and/or billing.
import { CustomerUpdated } from '@commerce/events';
import { UnprocessableError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import { randomUUID } from 'node:crypto';
import { MAX_ADDRESSES, setDefaults, snapshot, type Address } from '../domain/customer.ts';
import { currentCustomer, store } from '../runtime.ts';
import { customerContract } from '../contract.ts';

export const handler = httpRoute({
  ...customerContract['POST /me/addresses'],
  handler: async ({ principal, body, correlationId }) => {
    const customer = await currentCustomer(principal, correlationId);
    if ((await store.listAddresses(customer.id)).length >= MAX_ADDRESSES) {
      throw new UnprocessableError(`At most ${MAX_ADDRESSES} addresses.`, 'too-many-addresses');
    }
    const { defaultShipping, defaultBilling, ...fields } = body;
    const address: Address = { id: randomUUID(), ...fields };
    // The profile is written with the address (version check included), so the address count and the
    // defaults cannot race with another change.
    const change = setDefaults(
      customer,
      address.id,
      { shipping: defaultShipping, billing: defaultBilling },
      new Date(),
    );
    const touched =
      change.changedFields.length > 0
        ? change
        : {
            ...change,
            after: { ...customer, version: customer.version + 1, updatedAt: new Date().toISOString() },
          };
    await store.saveChange(
      touched,
      outboxItem(
        CustomerUpdated,
        { customer: snapshot(touched.after), changedFields: ['addresses', ...change.changedFields] },
        { correlationId },
      ),
      [store.addressPut(customer.id, address, 'create')],
    );
    return { status: 201, body: address, headers: { location: `/me/addresses/${address.id}` } };
  },
});
