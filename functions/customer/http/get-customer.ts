// GET /customers/{id} (staff): one customer's profile and addresses.
import { NotFoundError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { profileView, store } from '../runtime.ts';
import { customerRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...customerRoutes['GET /customers/{id}'],
  handler: async ({ params }) => {
    const customer = await store.get(params.id);
    if (!customer) throw new NotFoundError(`No customer ${params.id}.`);
    return {
      status: 200,
      body: { ...profileView(customer), addresses: await store.listAddresses(customer.id) },
    };
  },
});
