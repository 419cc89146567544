// GET /me/export: everything the customer service holds about the signed-in customer (data portability).
import { httpRoute } from '@commerce/lambda-kit/http';
import { customerRoutes } from '../routes.ts';
import { customers } from '../runtime.ts';

export const handler = httpRoute({
  ...customerRoutes['GET /me/export'],
  handler: async ({ principal, correlationId }) => ({
    status: 200,
    body: await customers.exportData(principal, { correlationId }),
    headers: { 'content-disposition': 'attachment; filename="my-data.json"' },
  }),
});
