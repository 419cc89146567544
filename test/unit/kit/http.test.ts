import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ConflictError, UnprocessableError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';

const context = {
  functionName: 'test',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 1000,
} as Context;

function event(overrides: Partial<APIGatewayProxyEvent>): APIGatewayProxyEvent {
  return {
    httpMethod: 'POST',
    path: '/things',
    headers: { 'content-type': 'application/json', 'x-correlation-id': 'corr-1' },
    multiValueHeaders: {},
    pathParameters: null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    body: null,
    isBase64Encoded: false,
    stageVariables: null,
    resource: '/things',
    requestContext: { requestId: 'gw-1' } as APIGatewayProxyEvent['requestContext'],
    ...overrides,
  };
}

let calls = 0;
const handler = httpRoute({
  body: z.object({ name: z.string().min(1), count: z.number().int() }).strict(),
  maxBodyBytes: 100,
  handler: ({ body }) => {
    calls++;
    if (body.name === 'taken') return Promise.reject(new ConflictError('Name taken', 'name-taken'));
    if (body.name === 'boom') return Promise.reject(new Error('secret internal detail'));
    if (body.name === 'busy') {
      // What a store that does not retry lets through when transactions keep colliding.
      return Promise.reject(
        new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: {},
          CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
        }),
      );
    }
    if (body.name === 'refused') {
      const at = { in: 'body' as const, pointer: '/name', detail: 'Not on this stage.' };
      return Promise.reject(new UnprocessableError('Refused here', 'name-not-allowed', [at]));
    }
    return Promise.resolve({ status: 201, body: { ...body } });
  },
});

async function call(e: APIGatewayProxyEvent) {
  const res = await handler(e, context);
  return { ...res, json: res.body ? (JSON.parse(res.body) as Record<string, unknown>) : undefined };
}

describe('httpRoute', () => {
  it('answers with the handler result, the correlation id and security headers', async () => {
    const res = await call(event({ body: JSON.stringify({ name: 'a', count: 1 }) }));
    expect(res.statusCode).toBe(201);
    expect(res.json).toEqual({ name: 'a', count: 1 });
    expect(res.headers?.['x-correlation-id']).toBe('corr-1');
    // No DynamoDB call in this handler: the Server-Timing entry says so.
    expect(res.headers?.['server-timing']).toBe('dynamodb;desc="0 calls";dur=0.0');
    expect(
      res.headers?.['Strict-Transport-Security'] ?? res.headers?.['strict-transport-security'],
    ).toBeDefined();
  });

  it('lists every field error, unknown fields included, as problem+json 400 without calling the handler', async () => {
    const before = calls;
    const res = await call(event({ body: JSON.stringify({ name: '', count: 'x', extra: true }) }));
    expect(res.statusCode).toBe(400);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    expect(res.json).toMatchObject({
      type: 'urn:commerce:problem:validation-error',
      status: 400,
      correlationId: 'corr-1',
    });
    const pointers = (res.json!.errors as { pointer: string }[]).map((e) => e.pointer).sort();
    expect(pointers).toEqual(['/count', '/extra', '/name']);
    expect(calls).toBe(before);
    expect(res.headers?.['x-correlation-id']).toBe('corr-1');
  });

  it('refuses an oversized body with 413, malformed JSON with 400 and a non-JSON type with 415', async () => {
    expect(
      (await call(event({ body: JSON.stringify({ name: 'x'.repeat(200), count: 1 }) }))).statusCode,
    ).toBe(413);
    expect((await call(event({ body: '{"name":' }))).json).toMatchObject({
      status: 400,
      type: 'urn:commerce:problem:malformed-json',
    });
    expect(
      (
        await call(
          event({ body: 'name=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
        )
      ).statusCode,
    ).toBe(415);
  });

  it('maps a typed domain error to its status and type', async () => {
    const res = await call(event({ body: JSON.stringify({ name: 'taken', count: 1 }) }));
    expect(res.statusCode).toBe(409);
    expect(res.json).toMatchObject({ type: 'urn:commerce:problem:name-taken', detail: 'Name taken' });
  });

  it('lists the fields a 422 is about, as a validation error does', async () => {
    const res = await call(event({ body: JSON.stringify({ name: 'refused', count: 1 }) }));
    expect(res.statusCode).toBe(422);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    expect(res.json).toMatchObject({
      type: 'urn:commerce:problem:name-not-allowed',
      detail: 'Refused here',
      errors: [{ in: 'body', pointer: '/name', detail: 'Not on this stage.' }],
    });
  });

  it('hides anything else behind a generic 500 that quotes the correlation id', async () => {
    const res = await call(event({ body: JSON.stringify({ name: 'boom', count: 1 }) }));
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret internal detail');
    expect(res.json).toMatchObject({ type: 'urn:commerce:problem:internal-error', correlationId: 'corr-1' });
  });

  it('replaces a malformed correlation id with the gateway request id', async () => {
    const res = await call(
      event({
        body: JSON.stringify({ name: 'a', count: 1 }),
        headers: { 'content-type': 'application/json', 'x-correlation-id': 'bad id with spaces' },
      }),
    );
    expect(res.headers?.['x-correlation-id']).toBe('gw-1');
  });

  it('answers a transaction conflict that reached it as 503 contention problem+json, not 500', async () => {
    const res = await call(event({ body: JSON.stringify({ name: 'busy', count: 1 }) }));
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    expect(res.json).toMatchObject({ type: 'urn:commerce:problem:contention', status: 503 });
  });
});
