// The API edge on the local cloud: the Auth service's authorizer in front of every protected route.
import { CreateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, bearer, cognito, partnerToken, productBody, signIn, userPoolId } from './support.ts';

let customer = '';
let staff = '';

beforeAll(async () => {
  [customer, staff] = await Promise.all([signIn([]), signIn(['staff'])]);
});

function expectProblem(res: Awaited<ReturnType<typeof api>>, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body.status).toBe(status);
}

describe('the Auth service', () => {
  it('answers 401 without a token, with a malformed one and with a tampered one', async () => {
    expectProblem(await api('POST', '/products', productBody()), 401);
    expectProblem(await api('POST', '/products', productBody(), { authorization: 'Bearer not-a-jwt' }), 401);
    const [header, payload, signature] = staff.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin'] })).toString(
      'base64url',
    );
    expectProblem(
      await api('POST', '/products', productBody(), bearer(`${header}.${forged}.${signature}`)),
      401,
    );
  });

  it('answers 401 for a token of a client the API does not accept', async () => {
    const foreign = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId(),
        ClientName: 'not-an-api-client',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const token = await signIn(['staff'], foreign.UserPoolClient!.ClientId);
    expectProblem(await api('POST', '/products', productBody(), bearer(token)), 401);
  });

  it('answers 403 to a customer on a staff route, and lets staff through', async () => {
    const body = productBody();
    expectProblem(await api('POST', '/products', body, bearer(customer)), 403);
    expect((await api('POST', '/products', body, bearer(staff))).status).toBe(201);
  });

  it('issues access tokens that carry the email and, for staff, the MFA status', () => {
    const claims = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims(staff)).toMatchObject({ token_use: 'access', 'cognito:groups': ['staff'], mfa: 'false' });
    expect(claims(staff).email).toMatch(/@example\.com$/);
    expect(claims(customer)).toMatchObject({ mfa: 'false' });
    expect(claims(customer)['cognito:groups']).toBeUndefined();
  });

  it('keeps public routes open to anyone', async () => {
    expect((await api('GET', '/products?limit=1')).status).toBe(200);
    expect((await api('GET', '/categories', undefined, bearer(customer))).status).toBe(200);
  });

  it('keeps partner tokens off the public API: partners call the partner API, metered by their key', async () => {
    // The scope would allow it on the partner API (test/e2e/partner.test.ts); here it would escape the quota.
    const writer = await partnerToken(['commerce/catalog.write']);
    expectProblem(await api('POST', '/products', productBody(), bearer(writer)), 403);
  });
});
