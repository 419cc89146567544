// GET /health: answers without touching any store; the bench's baseline for the gateway and HTTP stack.
import { httpRoute } from '@commerce/lambda-kit/http';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod';

const { CORS_ORIGINS } = loadEnv(z.object({ CORS_ORIGINS: z.string().min(1) }));

export const handler = httpRoute({
  corsOrigins: CORS_ORIGINS.split(','),
  handler: () => Promise.resolve({ status: 200, body: { status: 'ok' } }),
});
