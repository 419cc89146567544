// GET /me/export: everything the customer service holds about the signed-in customer (data portability).
import { httpRoute } from '@commerce/lambda-kit/http';
import { currentCustomer, profileView, store } from '../runtime.ts';
import { customerRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...customerRoutes['GET /me/export'],
  handler: async ({ principal, correlationId }) => {
    const customer = await currentCustomer(principal, correlationId);
    return {
      status: 200,
      body: {
        exportedAt: new Date().toISOString(),
        profile: profileView(customer),
        addresses: await store.listAddresses(customer.id),
      },
      headers: { 'content-disposition': 'attachment; filename="my-data.json"' },
    };
  },
});
