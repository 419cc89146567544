// The platform's own routes: liveness and the API description.
import { defineRoutes } from '@commerce/lambda-kit/service';
import * as z from 'zod/mini';

export const platformRoutes = defineRoutes('platform', {
  'GET /health': {
    entry: 'health.ts',
    access: 'public',
    summary: 'Liveness: runs the HTTP stack and nothing else.',
    readOnly: true,
    response: {
      status: 200,
      description: 'The HTTP stack runs.',
      body: z.object({ status: z.literal('ok') }).check(z.meta({ id: 'Health' })),
    },
  },
  'GET /openapi.json': {
    entry: 'openapi.ts',
    access: 'public',
    summary: 'The OpenAPI 3.1 description of this API.',
    readOnly: true,
    response: {
      status: 200,
      description: 'This document, with `servers` naming the URL it was fetched from.',
      body: z
        .looseObject({
          openapi: z.string(),
          servers: z.array(z.looseObject({ url: z.string() })),
          paths: z.record(z.string(), z.record(z.string(), z.unknown())),
        })
        .check(z.meta({ id: 'OpenApiDocument' })),
    },
  },
});
