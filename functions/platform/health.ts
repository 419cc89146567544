// GET /health: answers without touching any store; the bench's baseline for the gateway and HTTP stack.
import { httpRoute } from '@commerce/lambda-kit/http';
import { platformRoutes } from './routes.ts';

export const handler = httpRoute({
  ...platformRoutes['GET /health'],
  handler: () => Promise.resolve({ status: 200, body: { status: 'ok' as const } }),
});
