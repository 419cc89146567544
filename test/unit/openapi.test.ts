// The OpenAPI document: built from the same schemas the handlers validate with, lint-clean, one operation per
// declared route.
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../infra/openapi/index.ts';
import { ACKNOWLEDGED_LINT_PROBLEMS } from '../fixtures/openapi-lint.ts';
import { allRoutes } from '../../infra/services/index.ts';

type Operation = {
  operationId: string;
  security: Record<string, string[]>[];
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: { $ref: string } }> };
  responses: Record<string, unknown>;
};
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

const document = openApiDocument() as unknown as Doc;
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
);
const operation = (key: string): Operation => {
  const found = operations.find((o) => o.key === key);
  if (!found) throw new Error(`No operation ${key}`);
  return found.op;
};
const componentOf = (op: Operation) => {
  const ref = op.requestBody?.content['application/json']?.schema.$ref ?? '';
  return document.components.schemas[ref.replace('#/components/schemas/', '')] as {
    additionalProperties?: boolean;
    required?: string[];
    properties: Record<string, unknown>;
  };
};

async function lint(source: string) {
  const config = await createConfig({ extends: ['recommended-strict'] });
  return lintFromString({ source, absoluteRef: 'openapi.json', config });
}

describe('the OpenAPI document', () => {
  it('is what docs/openapi.json holds (npm run docs:openapi writes it)', () => {
    expect(JSON.parse(readFileSync('docs/openapi.json', 'utf8'))).toEqual(document);
  });

  it('passes the Redocly linter with its strict recommended rules', async () => {
    const problems = await lint(JSON.stringify(document));
    expect(problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual(ACKNOWLEDGED_LINT_PROBLEMS);
  });

  it('declares every success a checkout answers: 201 placed, 202 waiting for the shopper, 200 settled replay', () => {
    for (const key of ['POST /carts/{id}/checkout', 'POST /me/cart/checkout']) {
      const { responses } = operation(key);
      expect(Object.keys(responses).filter((s) => s.startsWith('2'))).toEqual(['200', '201', '202']);
      expect(responses['200']).toEqual(responses['201']);
      expect(responses['202']).toEqual(responses['201']);
    }
  });

  it('is linted for real: a broken reference is reported', async () => {
    const broken = structuredClone(document);
    const op = broken.paths['/products']?.post;
    if (!op?.requestBody) throw new Error('POST /products has no body');
    op.requestBody.content['application/json']!.schema.$ref = '#/components/schemas/Missing';
    const problems = await lint(JSON.stringify(broken));
    expect(problems.some((p) => p.ruleId === 'no-unresolved-refs')).toBe(true);
  });

  it('has exactly one operation per route of the route table', () => {
    expect(operations.map((o) => o.key).sort()).toEqual(allRoutes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('states each route security: open routes none, the rest a token, partner routes scopes and a key', () => {
    for (const route of allRoutes) {
      const { security, responses } = operation(`${route.method} ${route.path}`);
      if (route.access === 'public') {
        expect(security).toEqual([]);
        // Only a route that authenticates otherwise (a webhook's signature) can answer 401.
        expect(responses['401'] !== undefined).toBe(route.errors?.includes(401) ?? false);
      } else {
        expect(security[0]).toEqual({ userPool: [] });
        expect(responses['401']).toBeDefined();
        expect(responses['403']).toBeDefined();
      }
      const partner = security.find((s) => 'partnerOAuth' in s);
      expect(partner?.partnerOAuth ?? []).toEqual(route.scopes ?? []);
      if (partner) expect(partner.partnerApiKey).toEqual([]);
    }
  });

  it('describes request bodies as the handlers validate them: strict, defaults optional', () => {
    const create = componentOf(operation('POST /products'));
    expect(create.additionalProperties).toBe(false);
    expect(create.required).toEqual(expect.arrayContaining(['handle', 'title', 'variants']));
    expect(create.required).not.toContain('status'); // it has a default
    const patchMe = componentOf(operation('PATCH /me'));
    expect(Object.keys(patchMe.properties)).not.toContain('segments');
    expect(patchMe.additionalProperties).toBe(false);
  });

  it('lists path and query parameters with their requiredness', () => {
    const list = operation('GET /products').parameters ?? [];
    expect(list.find((p) => p.name === 'limit')).toMatchObject({ in: 'query', required: false });
    const get = operation('GET /products/{id}').parameters ?? [];
    expect(get).toContainEqual(expect.objectContaining({ name: 'id', in: 'path', required: true }));
  });
});
