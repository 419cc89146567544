// The kit's `rawBody` route option, which the payment webhook route relies on: the handler gets the body
// exactly as sent (base64 decoded), in any content type, within the size limit; JSON routes are unchanged.
import { httpRoute } from '@commerce/lambda-kit/http';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';

const context = { functionName: 'test', awsRequestId: 'req-1' } as Context;

function event(overrides: Partial<APIGatewayProxyEvent>): APIGatewayProxyEvent {
  return {
    httpMethod: 'POST',
    path: '/hooks',
    headers: { 'content-type': 'application/json' },
    multiValueHeaders: {},
    pathParameters: null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    body: null,
    isBase64Encoded: false,
    stageVariables: null,
    resource: '/hooks',
    requestContext: { requestId: 'gw-1' } as APIGatewayProxyEvent['requestContext'],
    ...overrides,
  };
}

const raw = httpRoute({
  rawBody: true,
  maxBodyBytes: 64,
  handler: ({ rawBody, body }) => Promise.resolve({ status: 200, body: { rawBody, body: body ?? null } }),
});

const json = httpRoute({
  body: z.object({ a: z.number() }).strict(),
  handler: ({ rawBody }) => Promise.resolve({ status: 200, body: { hasRaw: rawBody !== undefined } }),
});

const parse = (res: { body: string }) => JSON.parse(res.body) as Record<string, unknown>;

describe('httpRoute rawBody', () => {
  it('hands over the exact text, whitespace and key order included, unparsed', async () => {
    const text = '{ "b":1,  "a" : 2 }';
    const res = await raw(event({ body: text }), context);
    expect(res.statusCode).toBe(200);
    expect(parse(res)).toEqual({ rawBody: text, body: null });
  });

  it('decodes a base64-encoded body, takes any content type, and gives "" for no body', async () => {
    const text = 'id=1&type=x';
    const encoded = await raw(
      event({
        body: Buffer.from(text).toString('base64'),
        isBase64Encoded: true,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      context,
    );
    expect(parse(encoded).rawBody).toBe(text);
    expect(parse(await raw(event({ body: null }), context)).rawBody).toBe('');
  });

  it('still enforces the size limit', async () => {
    expect((await raw(event({ body: 'x'.repeat(65) }), context)).statusCode).toBe(413);
  });

  it('leaves JSON routes as they were: parsed body, no rawBody', async () => {
    const res = await json(event({ body: '{"a":1}' }), context);
    expect(parse(res)).toEqual({ hasRaw: false });
  });

  it('refuses a route that asks for both', () => {
    expect(() =>
      httpRoute({ rawBody: true, body: z.object({}), handler: () => Promise.resolve({ status: 204 }) }),
    ).toThrow('either a raw body or a JSON body');
  });
});
