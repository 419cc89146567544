// POST /me/addresses: add an address, optionally as the default for shipping and/or billing.
import { UnprocessableError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { randomUUID } from 'node:crypto';
import { MAX_ADDRESSES, type Address } from '../domain/customer.ts';
import { currentCustomer, saveAddress, store } from '../runtime.ts';
import { customerRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...customerRoutes['POST /me/addresses'],
  handler: async ({ principal, body, correlationId }) => {
    const customer = await currentCustomer(principal, correlationId);
    if ((await store.listAddresses(customer.id)).length >= MAX_ADDRESSES) {
      throw new UnprocessableError(`At most ${MAX_ADDRESSES} addresses.`, 'too-many-addresses');
    }
    const { defaultShipping, defaultBilling, ...fields } = body;
    const address: Address = { id: randomUUID(), ...fields };
    await saveAddress(
      customer,
      address,
      { shipping: defaultShipping, billing: defaultBilling },
      'create',
      correlationId,
    );
    return { status: 201, body: address, headers: { location: `/me/addresses/${address.id}` } };
  },
});
