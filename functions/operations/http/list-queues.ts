// GET /operations/queues (admin): every subscription's dead-letter queue depth and its queue's.
import { httpRoute } from '@commerce/lambda-kit/http';
import { operationsRoutes } from '../routes.ts';
import { operations } from '../runtime.ts';

export const handler = httpRoute({
  ...operationsRoutes['GET /operations/queues'],
  handler: async () => ({ status: 200, body: await operations.queues() }),
});
