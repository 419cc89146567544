// PUT /me/addresses/{id}: replace one of the signed-in customer's addresses.
import { httpRoute } from '@commerce/lambda-kit/http';
import type { Address } from '../domain/customer.ts';
import { currentCustomer, saveAddress } from '../runtime.ts';
import { customerRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...customerRoutes['PUT /me/addresses/{id}'],
  handler: async ({ principal, params, body, correlationId }) => {
    const customer = await currentCustomer(principal, correlationId);
    const { defaultShipping, defaultBilling, ...fields } = body;
    const address: Address = { id: params.id, ...fields };
    // The address key contains the caller's id: another customer's address id simply does not exist here.
    await saveAddress(
      customer,
      address,
      { shipping: defaultShipping, billing: defaultBilling },
      'replace',
      correlationId,
    );
    return { status: 200, body: address };
  },
});
