// The kit's contract helpers keep the OpenAPI document exact: what zod accepts is what the JSON Schema
// states, and a rule no schema can state answers 422 with field detail instead of 400.
import { cursorQuery, RULE_ISSUE, rule, text } from '@commerce/lambda-kit/contract';
import { httpRoute } from '@commerce/lambda-kit/http';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import * as zm from 'zod/mini';
import { stockQuery } from '../../../functions/inventory/schemas.ts';

const context = { functionName: 'test', awsRequestId: 'req-1' } as Context;

function event(overrides: Partial<APIGatewayProxyEvent>): APIGatewayProxyEvent {
  return {
    httpMethod: 'PUT',
    path: '/sales',
    headers: { 'content-type': 'application/json' },
    multiValueHeaders: {},
    pathParameters: null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    body: null,
    isBase64Encoded: false,
    stageVariables: null,
    resource: '/sales',
    requestContext: { requestId: 'gw-1' } as APIGatewayProxyEvent['requestContext'],
    ...overrides,
  };
}

/** What a string JSON Schema (type, minLength, maxLength, pattern: all these helpers write) accepts. */
function jsonAccepts(json: Record<string, unknown>, value: string): boolean {
  const length = [...value].length;
  return (
    json.type === 'string' &&
    length >= ((json.minLength as number | undefined) ?? 0) &&
    length <= ((json.maxLength as number | undefined) ?? Infinity) &&
    (json.pattern === undefined || new RegExp(json.pattern as string, 'u').test(value))
  );
}

/** Whether zod and the JSON Schema it writes for the document agree on each value. */
function agree(schema: z.core.$ZodType, values: string[]): void {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  for (const value of values) {
    expect(jsonAccepts(json, value), JSON.stringify(value)).toBe(z.safeParse(schema, value).success);
  }
}

describe('contract helpers', () => {
  it('text(): the document and zod agree on blank, padded and long text, which is stored trimmed', () => {
    agree(text(5), ['', ' ', '\t\n', 'a', ' a ', 'abcde', 'abcdef', '  abc', 'a    ']);
    expect(z.parse(text(5), ' a ')).toBe('a');
  });

  it('cursorQuery(): states the format of the cursors paginate issues', () => {
    const mac = 'A'.repeat(43);
    agree(cursorQuery(), [`eyJzIjoiIn0.${mac}`, 'abc.def', '', 'x', `a.${mac}.b`, `a b.${mac}`]);
    expect(z.safeParse(cursorQuery(), `eyJzIjoiIn0.${mac}`).success).toBe(true);
    expect(z.safeParse(cursorQuery(), 'abc.def').success).toBe(false);
  });

  it('ledgerLimit=0 is refused by the schema the document states (it was a 500)', () => {
    const json = z.toJSONSchema(stockQuery, { io: 'input', target: 'draft-2020-12' }) as unknown as {
      properties: { ledgerLimit: { minimum: number } };
    };
    expect(json.properties.ledgerLimit.minimum).toBe(1);
    expect(z.safeParse(stockQuery, { ledgerLimit: '0' }).success).toBe(false);
  });
});

describe('httpRoute and the rules no schema states', () => {
  const sale = zm
    .strictObject({ from: zm.number(), until: zm.number() })
    .check(rule<{ from: number; until: number }>((s) => s.until > s.from, 'Must be after from.', ['until']));
  const list = zm.array(zm.string()).check(
    zm.superRefine((items, ctx) => {
      if (new Set(items).size !== items.length) {
        ctx.addIssue({ code: 'custom', params: RULE_ISSUE, path: [], message: 'No entry twice.' });
      }
    }),
  );
  const handler = httpRoute({
    body: zm.strictObject({ sale, tags: zm.optional(list) }),
    headers: zm.object({ 'idempotency-key': zm.string().check(zm.regex(/^\S{1,10}$/)) }),
    handler: () => Promise.resolve({ status: 200, body: { ok: true } }),
  });
  const call = async (body: unknown, headers: Record<string, string> = { 'idempotency-key': 'k1' }) => {
    const res = await handler(
      event({ body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } }),
      context,
    );
    return { status: res.statusCode, json: JSON.parse(res.body) as Record<string, unknown> };
  };

  it('answers a well-formed body that breaks only a rule with 422 rule-violation and the field', async () => {
    const backwards = await call({ sale: { from: 2, until: 1 } });
    expect(backwards.status).toBe(422);
    expect(backwards.json).toMatchObject({
      type: 'urn:commerce:problem:rule-violation',
      errors: [{ in: 'body', pointer: '/sale/until', detail: 'Must be after from.' }],
    });
    const twice = await call({ sale: { from: 1, until: 2 }, tags: ['a', 'a'] });
    expect(twice.status).toBe(422);
    expect((await call({ sale: { from: 1, until: 2 }, tags: ['a'] })).status).toBe(200);
  });

  it('answers a malformed body with 400, rules broken beside it listed too', async () => {
    const res = await call({ sale: { from: 1, until: 2 }, tags: ['a', 'a'], extra: 1 });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ type: 'urn:commerce:problem:validation-error' });
  });

  it('validates declared headers before the handler runs (400, in: header)', async () => {
    const missing = await call({ sale: { from: 1, until: 2 } }, {});
    expect(missing.status).toBe(400);
    expect(missing.json.errors).toEqual([
      expect.objectContaining({ in: 'header', pointer: '/idempotency-key' }),
    ]);
    expect((await call({ sale: { from: 1, until: 2 } }, { 'Idempotency-Key': 'k2' })).status).toBe(200);
  });
});
