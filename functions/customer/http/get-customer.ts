// GET /customers/{id} (staff): one customer's profile and addresses.
import { httpRoute } from '@commerce/lambda-kit/http';
import { customerRoutes } from '../routes.ts';
import { customers } from '../runtime.ts';

export const handler = httpRoute({
  ...customerRoutes['GET /customers/{id}'],
  handler: async ({ params }) => ({ status: 200, body: await customers.customer(params.id) }),
});
