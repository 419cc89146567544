// POST /operations/queues/{name}/redrive (admin): sends up to 500 dead letters back to the subscription's
// queue, each before it is deleted, and records who did it.
import { httpRoute } from '@commerce/lambda-kit/http';
import { operationsRoutes } from '../routes.ts';
import { operations } from '../runtime.ts';

export const handler = httpRoute({
  ...operationsRoutes['POST /operations/queues/{name}/redrive'],
  handler: async ({ params, principal, correlationId }) => ({
    status: 200,
    body: await operations.redrive(params.name, principal?.sub ?? 'unknown', correlationId),
  }),
});
