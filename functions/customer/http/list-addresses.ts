// GET /me/addresses: the signed-in customer's addresses, with which ones are the defaults.
import { httpRoute } from '@commerce/lambda-kit/http';
import { currentCustomer, store } from '../runtime.ts';
import { customerRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...customerRoutes['GET /me/addresses'],
  handler: async ({ principal, correlationId }) => {
    const customer = await currentCustomer(principal, correlationId);
    const addresses = await store.listAddresses(customer.id);
    return {
      status: 200,
      body: {
        items: addresses.map((a) => ({
          ...a,
          defaultShipping: a.id === customer.defaultShippingAddressId,
          defaultBilling: a.id === customer.defaultBillingAddressId,
        })),
      },
    };
  },
});
