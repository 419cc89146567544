// DELETE /me/addresses/{id}: remove one of the signed-in customer's addresses (and it as a default).
import { CustomerUpdated } from '@commerce/events';
import { httpRoute } from '@commerce/lambda-kit/http';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import { snapshot, type Customer } from '../domain/customer.ts';
import { currentCustomer, store } from '../runtime.ts';
import { customerRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...customerRoutes['DELETE /me/addresses/{id}'],
  handler: async ({ principal, params, correlationId }) => {
    const customer = await currentCustomer(principal, correlationId);
    const { defaultShippingAddressId, defaultBillingAddressId, ...rest } = customer;
    const after: Customer = {
      ...rest,
      ...(defaultShippingAddressId && defaultShippingAddressId !== params.id
        ? { defaultShippingAddressId }
        : {}),
      ...(defaultBillingAddressId && defaultBillingAddressId !== params.id
        ? { defaultBillingAddressId }
        : {}),
      version: customer.version + 1,
      updatedAt: new Date().toISOString(),
    };
    await store.saveChange(
      { before: customer, after, changedFields: ['addresses'] },
      outboxItem(
        CustomerUpdated,
        { customer: snapshot(after), changedFields: ['addresses'] },
        { correlationId },
      ),
      [store.addressDelete(customer.id, params.id)],
    );
    return { status: 204 };
  },
});
