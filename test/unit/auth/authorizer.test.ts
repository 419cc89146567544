// The authorizer's token checks with real RS256 signatures: a key pair made here, its JWKS served over
// loopback HTTP the way the local stage loads the emulator's (JWKS_URL). Covers what the local cloud cannot
// produce on demand: an expired token, one signed by another key, one of another pool, an id token.
import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const POOL = 'us-east-1_TestPool';
const ISSUER = `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`;
const CLIENT = 'storefront-client';
const KID = 'test-key';
const METHOD_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc123/v1/GET/products';

const keyPair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const signing = keyPair();
const impostor = keyPair();

function jwt(claims: Record<string, unknown>, key: KeyObject = signing.privateKey): string {
  const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${encode({ alg: 'RS256', kid: KID, typ: 'JWT' })}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(body).sign(key).toString('base64url');
  return `${body}.${signature}`;
}

const now = () => Math.floor(Date.now() / 1000);
const userClaims = (overrides: Record<string, unknown> = {}) => ({
  sub: 'user-1',
  username: 'user-1',
  iss: ISSUER,
  client_id: CLIENT,
  token_use: 'access',
  scope: 'aws.cognito.signin.user.admin',
  iat: now() - 60,
  exp: now() + 900,
  email: 'ada@example.com',
  email_verified: 'true',
  ...overrides,
});

const event = (token: string | undefined): APIGatewayRequestAuthorizerEvent =>
  ({
    type: 'REQUEST',
    methodArn: METHOD_ARN,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  }) as unknown as APIGatewayRequestAuthorizerEvent;

let server: Server;
let handler: (e: APIGatewayRequestAuthorizerEvent) => Promise<{
  principalId: string;
  policyDocument: { Statement: { Effect: string; Resource: string[] | string }[] };
  context?: Record<string, unknown>;
}>;

beforeAll(async () => {
  const jwk = { ...signing.publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' };
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(process.env, {
    USER_POOL_ID: POOL,
    CLIENT_IDS: `${CLIENT},admin-console-client`,
    REQUIRE_STAFF_MFA: 'true',
    PARTNER_API_ID: 'partner1',
    JWKS_URL: `http://127.0.0.1:${port}/${POOL}/.well-known/jwks.json`,
  });
  ({ handler } = (await import('../../../functions/auth/authorizer.ts')) as unknown as {
    handler: typeof handler;
  });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const allowed = (result: Awaited<ReturnType<typeof handler>>) =>
  result.policyDocument.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) =>
    Array.isArray(s.Resource) ? s.Resource : [s.Resource],
  );

describe('the authorizer', () => {
  it('accepts a valid customer token and hands the handler who is calling', async () => {
    const result = await handler(event(jwt(userClaims())));
    expect(result.principalId).toBe('user-1');
    expect(result.context).toMatchObject({ sub: 'user-1', kind: 'user', email: 'ada@example.com' });
    expect(allowed(result)).toContain('arn:aws:execute-api:us-east-1:123456789012:abc123/v1/GET/me');
    expect(allowed(result)).not.toContain(
      'arn:aws:execute-api:us-east-1:123456789012:abc123/v1/POST/products',
    );
  });

  it.each([
    ['unverified', { email_verified: 'false' }],
    ['without the verification claim', { email_verified: undefined }],
  ])('hands on no email when the token says it is %s', async (_what, claims) => {
    const result = await handler(event(jwt(userClaims(claims))));
    expect(result.principalId).toBe('user-1');
    expect(result.context?.email).toBe('');
  });

  it.each([
    ['no token', undefined],
    ['an expired token', jwt(userClaims({ iat: now() - 7200, exp: now() - 3600 }))],
    ['a token signed by another key', jwt(userClaims(), impostor.privateKey)],
    ['a token of another user pool', jwt(userClaims({ iss: `${ISSUER}Other` }))],
    ['an id token', jwt(userClaims({ token_use: 'id' }))],
    ['a user token of a client the API does not accept', jwt(userClaims({ client_id: 'foreign' }))],
    ['garbage', 'not-a-jwt'],
  ])('refuses %s with 401', async (_what, token) => {
    await expect(handler(event(token))).rejects.toThrow(/^Unauthorized$/);
  });

  it('gives staff their routes only with MFA set up where the stage requires it', async () => {
    const staff = (mfa: string) => handler(event(jwt(userClaims({ 'cognito:groups': ['staff'], mfa }))));
    const createProduct = 'arn:aws:execute-api:us-east-1:123456789012:abc123/v1/POST/products';
    expect(allowed(await staff('true'))).toContain(createProduct);
    expect(allowed(await staff('false'))).not.toContain(createProduct);
  });
});
