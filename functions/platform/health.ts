// GET /health: answers without touching any store; the bench's baseline for the gateway and HTTP stack.
import { httpRoute } from '@commerce/lambda-kit/http';
import { platformContract } from './contract.ts';

export const handler = httpRoute({
  ...platformContract['GET /health'],
  handler: () => Promise.resolve({ status: 200, body: { status: 'ok' as const } }),
});
