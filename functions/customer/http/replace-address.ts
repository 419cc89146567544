// PUT /me/addresses/{id}: replace one of the signed-in customer's addresses.
import { CustomerUpdated } from '@commerce/events';
import { httpRoute } from '@commerce/lambda-kit/http';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import { setDefaults, snapshot, type Address } from '../domain/customer.ts';
import { currentCustomer, store } from '../runtime.ts';
import { customerContract } from '../contract.ts';

export const handler = httpRoute({
  ...customerContract['PUT /me/addresses/{id}'],
  handler: async ({ principal, params, body, correlationId }) => {
    const customer = await currentCustomer(principal, correlationId);
    const { defaultShipping, defaultBilling, ...fields } = body;
    const address: Address = { id: params.id, ...fields };
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
    // The address key contains the caller's id: another customer's address id simply does not exist here.
    await store.saveChange(
      touched,
      outboxItem(
        CustomerUpdated,
        { customer: snapshot(touched.after), changedFields: ['addresses', ...change.changedFields] },
        { correlationId },
      ),
      [store.addressPut(customer.id, address, 'replace')],
    );
    return { status: 200, body: address };
  },
});
