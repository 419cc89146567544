// The deployed API describes itself: GET /openapi.json is lint-clean, names the URL it was fetched from and
// lists exactly the routes the gateway serves.
import { APIGatewayClient, GetResourcesCommand } from '@aws-sdk/client-api-gateway';
import { EMULATOR_ENDPOINT, REGION } from '@commerce/local-cloud';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { ACKNOWLEDGED_LINT_PROBLEMS } from '../fixtures/openapi-lint.ts';
import { apiUrl, client } from './support.ts';

const gateway = new APIGatewayClient({
  endpoint: EMULATOR_ENDPOINT,
  region: REGION,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

/** "METHOD /path" of every method the deployed API serves, CORS preflights aside. */
async function deployedRoutes(restApiId: string): Promise<string[]> {
  const routes: string[] = [];
  let position: string | undefined;
  do {
    const page = await gateway.send(
      new GetResourcesCommand({ restApiId, limit: 500, embed: ['methods'], position }),
    );
    for (const resource of page.items ?? []) {
      for (const method of Object.keys(resource.resourceMethods ?? {})) {
        if (method !== 'OPTIONS') routes.push(`${method} ${resource.path}`);
      }
    }
    position = page.position;
  } while (position);
  return routes.sort();
}

describe('GET /openapi.json', () => {
  it('serves a lint-clean OpenAPI 3.1 document that names this API as its server', async () => {
    const { data, response } = await client().GET('/openapi.json');
    expect(response.status).toBe(200);
    expect(data?.openapi).toBe('3.1.0');
    expect(data?.servers[0]?.url).toBe(apiUrl());
    // The strict recommended rules, less the one that forbids a localhost server: the local stage is served
    // from localhost by design (docs/openapi.json, with the AWS server, is linted with all rules in unit tests).
    const config = await createConfig({
      extends: ['recommended-strict'],
      rules: { 'no-server-example.com': 'off' },
    });
    const problems = await lintFromString({
      source: JSON.stringify(data),
      absoluteRef: 'openapi.json',
      config,
    });
    expect(problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual(ACKNOWLEDGED_LINT_PROBLEMS);
  });

  it('lists every route the gateway serves, and nothing else', async () => {
    const { data } = await client().GET('/openapi.json');
    const paths = data?.paths ?? {};
    const documented = Object.entries(paths)
      .flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const restApiId = /\/_aws\/execute-api\/([^/]+)\//.exec(`${apiUrl()}/`)?.[1];
    if (!restApiId) throw new Error(`Cannot read the API id from ${apiUrl()}`);
    expect(documented).toEqual(await deployedRoutes(restApiId));
  });
});
