// The platform's own routes: liveness and the API description.
import { defineContract } from '@commerce/lambda-kit/contract';
import * as z from 'zod';

export const platformContract = defineContract({
  'GET /health': {
    response: {
      status: 200,
      description: 'The HTTP stack runs.',
      body: z.object({ status: z.literal('ok') }).meta({ id: 'Health' }),
    },
  },
  'GET /openapi.json': {
    response: {
      status: 200,
      description: 'This document, with `servers` naming the URL it was fetched from.',
      body: z
        .looseObject({
          openapi: z.string(),
          servers: z.array(z.looseObject({ url: z.string() })),
          paths: z.record(z.string(), z.record(z.string(), z.unknown())),
        })
        .meta({ id: 'OpenApiDocument' }),
    },
  },
});
