// GET /health: answers without touching any store; the bench's baseline for the gateway and HTTP stack.
import { httpRoute } from '@commerce/lambda-kit/http';

export const handler = httpRoute({
  handler: () => Promise.resolve({ status: 200, body: { status: 'ok' } }),
});
