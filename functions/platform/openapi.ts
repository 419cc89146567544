// GET /openapi.json: the API's OpenAPI 3.1 document (generated into docs/ by `npm run generate` and
// bundled here), with `servers` naming the base URL of the API it was fetched from.
import { loadEnv } from '@commerce/lambda-kit/env';
import { httpRoute } from '@commerce/lambda-kit/http';
import * as z from 'zod/mini';
import document from '../../docs/openapi.json' with { type: 'json' };
import { platformRoutes } from './routes.ts';

// `{apiId}` and `{stage}` are filled in per request; unset means the gateway's own domain (see stage config).
const { PUBLIC_URL_TEMPLATE } = loadEnv(z.object({ PUBLIC_URL_TEMPLATE: z.optional(z.url()) }));

export const handler = httpRoute({
  ...platformRoutes['GET /openapi.json'],
  handler: ({ gateway }) => {
    const url = PUBLIC_URL_TEMPLATE
      ? PUBLIC_URL_TEMPLATE.replace('{apiId}', gateway.apiId).replace('{stage}', gateway.stage)
      : gateway.domainName && `https://${gateway.domainName}/${gateway.stage}`;
    return Promise.resolve({
      status: 200,
      body: { ...document, servers: url ? [{ url }] : document.servers },
      headers: { 'cache-control': 'public, max-age=300' },
    });
  },
});
