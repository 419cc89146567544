// GET /operations/failures (admin): the dead letters, newest first, read without taking them.
import { httpRoute } from '@commerce/lambda-kit/http';
import { operationsRoutes } from '../routes.ts';
import { operations } from '../runtime.ts';

export const handler = httpRoute({
  ...operationsRoutes['GET /operations/failures'],
  handler: async ({ query }) => ({ status: 200, body: await operations.failures(query.limit) }),
});
