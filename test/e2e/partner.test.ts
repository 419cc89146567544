// The partner API on the local cloud: a partner onboarded with the ops module calls the routes its scopes
// allow with a client-credentials token and its API key, within its tier's usage plan.
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import {
  DescribeUserPoolClientCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { addPartner, type PartnerCredentials, removePartner } from '@commerce/ops';
import { EMULATOR_ENDPOINT, REGION } from '@commerce/local-cloud';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../infra/config/stages.ts';
import {
  api,
  bearer,
  clientCredentialsToken,
  cognito,
  partnerApi,
  productBody,
  signIn,
  unique,
  userPoolId,
  type ApiResponse,
} from './support.ts';

const clients = {
  cognito,
  apiGateway: new APIGatewayClient({
    endpoint: EMULATOR_ENDPOINT,
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  }),
  emulatorEndpoint: EMULATOR_ENDPOINT,
};
const trialQuota = loadStageConfig('local').partners.tiers['trial']!.quota.limit;
const name = unique('acme');

let partner: PartnerCredentials;
let headers: Record<string, string>;

beforeAll(async () => {
  partner = await addPartner(clients, {
    stage: 'local',
    name,
    tier: 'trial',
    scopes: ['commerce/catalog.write', 'commerce/orders.read'],
  });
  const token = await clientCredentialsToken(partner.tokenEndpoint!, partner, ['commerce/catalog.write']);
  headers = { ...bearer(token), 'x-api-key': partner.apiKey };
});

afterAll(async () => {
  if (partner) await removePartner(clients, { stage: 'local', name });
});

function expectProblem(res: ApiResponse, status: number, type: string): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ type: `urn:commerce:problem:${type}`, status });
  expect(res.body.title).toEqual(expect.any(String));
}

// In order: the last test spends the rest of the partner's daily quota.
describe('the partner API', () => {
  let used = 0;

  it('serves a partner route to a token with its scope and a key of the partner', async () => {
    const res = await partnerApi('POST', '/products', productBody(), headers);
    used += 1;
    expect(res.status).toBe(201);
    expect((await api('GET', `/products/${String(res.body.id)}`)).status).toBe(200);
  });

  it('answers 403 problem+json to a token without the route scope, and people do not get in', async () => {
    const reader = await clientCredentialsToken(partner.tokenEndpoint!, partner, ['commerce/orders.read']);
    const res = await partnerApi('POST', '/products', productBody(), {
      ...bearer(reader),
      'x-api-key': partner.apiKey,
    });
    expectProblem(res, 403, 'forbidden');
    const staff = await signIn(['admin']);
    const asStaff = await partnerApi('POST', '/products', productBody(), {
      ...bearer(staff),
      'x-api-key': partner.apiKey,
    });
    expectProblem(asStaff, 403, 'forbidden');
  });

  it('answers 401 problem+json to an expired token', async () => {
    // A second partner whose tokens live 2 seconds. AWS allows 5 minutes at least; the emulator takes any
    // validity, which lets the test see a real token of the pool expire.
    const shortLived = await addPartner(clients, {
      stage: 'local',
      name: unique('brief'),
      tier: 'trial',
      scopes: ['commerce/catalog.write'],
    });
    try {
      const described = await cognito.send(
        new DescribeUserPoolClientCommand({ UserPoolId: userPoolId(), ClientId: shortLived.clientId }),
      );
      const current = described.UserPoolClient!;
      await cognito.send(
        new UpdateUserPoolClientCommand({
          UserPoolId: userPoolId(),
          ClientId: shortLived.clientId,
          ClientName: current.ClientName,
          AllowedOAuthFlows: current.AllowedOAuthFlows,
          AllowedOAuthScopes: current.AllowedOAuthScopes,
          AllowedOAuthFlowsUserPoolClient: current.AllowedOAuthFlowsUserPoolClient,
          EnableTokenRevocation: current.EnableTokenRevocation,
          AccessTokenValidity: 2,
          TokenValidityUnits: { AccessToken: 'seconds' },
        }),
      );
      const newToken = () =>
        clientCredentialsToken(shortLived.tokenEndpoint!, shortLived, ['commerce/catalog.write']);
      const claims = (t: string) =>
        JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()) as { exp: number; iat: number };
      const expired = await newToken();
      const { exp, iat } = claims(expired);
      expect(exp - iat).toBe(2);
      await new Promise((r) => setTimeout(r, Math.max(0, exp * 1000 - Date.now()) + 1500));
      // A fresh token of the same client works (so the refusal below is the expiry, nothing else)...
      const fresh = await partnerApi('POST', '/products', productBody(), {
        ...bearer(await newToken()),
        'x-api-key': shortLived.apiKey,
      });
      expect(fresh.status).toBe(201);
      // ...and the expired one is refused.
      const res = await partnerApi('POST', '/products', productBody(), {
        ...bearer(expired),
        'x-api-key': shortLived.apiKey,
      });
      expectProblem(res, 401, 'unauthorized');
    } finally {
      await removePartner(clients, { stage: 'local', name: shortLived.name });
    }
  });

  it('answers 403 problem+json to an unknown API key', async () => {
    const res = await partnerApi('POST', '/products', productBody(), {
      ...headers,
      'x-api-key': `unknown-${partner.apiKey}`,
    });
    expectProblem(res, 403, 'invalid-api-key');
  });

  it('answers 401 problem+json without a token, even with a valid key', async () => {
    const res = await partnerApi('POST', '/products', productBody(), { 'x-api-key': partner.apiKey });
    expectProblem(res, 401, 'unauthorized');
  });

  it('serves no route that declares no scopes', async () => {
    for (const path of ['/products', '/health', '/me']) {
      expectProblem(await partnerApi('GET', path, undefined, headers), 404, 'not-found');
    }
    // …which the public API still serves, without a key.
    expect((await api('GET', '/products?limit=1')).status).toBe(200);
  });

  it('answers 429 problem+json once the partner has used its quota', async () => {
    const statuses: number[] = [];
    let res: ApiResponse | undefined;
    // Cheap calls that pass the gateway and count against the quota: deleting categories that do not exist.
    while (statuses.length <= trialQuota) {
      res = await partnerApi('DELETE', `/categories/${unique('none')}`, undefined, headers);
      statuses.push(res.status);
      if (res.status === 429) break;
      used += 1;
    }
    expect(statuses.slice(0, -1)).not.toContain(429);
    expect(used).toBe(trialQuota);
    expectProblem(res!, 429, 'quota-exceeded');
  });
});
