// The API's OpenAPI document as the declared routes describe it.
import { readFileSync } from 'node:fs';
import { PARTNER_SCOPES } from '../constructs/identity.ts';
import { allRoutes } from '../services/index.ts';
import { buildOpenApiDocument } from './document.ts';

export function openApiDocument(): Record<string, unknown> {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
    license: string;
  };
  return buildOpenApiDocument(allRoutes, {
    title: 'Serverless Commerce API',
    version: pkg.version,
    license: pkg.license,
    description:
      "The commerce platform's HTTP API. Errors are RFC 9457 problem details (`application/problem+json`). " +
      'Writes of versioned resources carry the `version` they were read at; a stale one gets 409. ' +
      'Lists are cursor-paginated: pass `nextCursor` back as `cursor`.',
    partnerScopes: PARTNER_SCOPES,
  });
}
