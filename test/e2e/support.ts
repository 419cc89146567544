// Helpers for end-to-end tests: HTTP against the deployed API, AWS clients aimed at the emulator, polling.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  DescribeUserPoolClientCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  DeleteRuleCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { createCommerceClient, type CommerceClient } from '@commerce/api-client';
import type { EventDefinition } from '@commerce/events';
import { GERMAN_METHOD, GERMAN_ZONE } from '../fixtures/germany.ts';
import { EMULATOR_ENDPOINT, REGION } from '@commerce/local-cloud';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';

export const apiUrl = (): string => inject('apiUrl').replace(/\/$/, '');

export function stackOutput(match: (key: string) => boolean): string {
  for (const values of Object.values(inject('stackOutputs'))) {
    for (const [key, value] of Object.entries(values)) if (match(key)) return value;
  }
  throw new Error('No such stack output');
}

const awsConfig = {
  endpoint: EMULATOR_ENDPOINT,
  region: REGION,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};
export const sqs = new SQSClient(awsConfig);
export const eventBridge = new EventBridgeClient(awsConfig);
export const cognito = new CognitoIdentityProviderClient(awsConfig);

export const userPoolId = (): string => stackOutput((k) => k === 'UserPoolId');
export const clientId = (name: 'Storefront' | 'Mobile' | 'AdminConsole' | 'Integrations'): string =>
  stackOutput((k) => k === `${name}ClientId`);

/**
 * Creates a confirmed user in the given groups and signs them in; returns the access token. The emulator
 * accepts the password flow on any client (it does not check a client's allowed flows), which keeps the
 * tests free of an SRP implementation; the storefront client allows only SRP in AWS.
 */
export async function signIn(groups: readonly string[], client = clientId('Storefront')): Promise<string> {
  const email = `${unique('user')}@example.com`;
  const password = `Pw-${randomUUID()}-A1!`;
  const pool = userPoolId();
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: pool,
      Username: email,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  await cognito.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: pool,
      Username: email,
      Password: password,
      Permanent: true,
    }),
  );
  for (const group of groups) {
    await cognito.send(
      new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: email, GroupName: group }),
    );
  }
  const auth = await cognito.send(
    new InitiateAuthCommand({
      ClientId: client,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const token = auth.AuthenticationResult?.AccessToken;
  if (!token) throw new Error('Sign-in returned no access token');
  return token;
}

/** Signs a customer up through the storefront client the way a shopper does, confirms and signs in. */
export async function signUp(): Promise<{ email: string; password: string; token: string }> {
  const email = `${unique('shopper')}@example.com`;
  const password = `Pw-${randomUUID()}-A1!`;
  const client = clientId('Storefront');
  await cognito.send(
    new SignUpCommand({
      ClientId: client,
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
  // The emulator's fixed confirmation code; in AWS it arrives by email.
  await cognito.send(
    new ConfirmSignUpCommand({ ClientId: client, Username: email, ConfirmationCode: '123456' }),
  );
  // Confirming with the emailed code verifies the email in AWS; the emulator leaves email_verified unset,
  // and only a verified email reaches the services (docs/local-cloud.md).
  await cognito.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: userPoolId(),
      Username: email,
      UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
    }),
  );
  return { email, password, token: await passwordSignIn(email, password) };
}

export async function passwordSignIn(email: string, password: string): Promise<string> {
  const auth = await cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId('Storefront'),
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const token = auth.AuthenticationResult?.AccessToken;
  if (!token) throw new Error('Sign-in returned no access token');
  return token;
}

/** A partner's access token from the OAuth2 token endpoint (client credentials) with the given scopes. */
export async function partnerToken(
  scopes: readonly string[],
  client = clientId('Integrations'),
): Promise<string> {
  const described = await cognito.send(
    new DescribeUserPoolClientCommand({ UserPoolId: userPoolId(), ClientId: client }),
  );
  const secret = described.UserPoolClient?.ClientSecret;
  if (!secret) throw new Error('The client has no secret');
  const res = await fetch(`${EMULATOR_ENDPOINT}/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client}:${secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: scopes.join(' ') }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!res.ok || !body.access_token) throw new Error(`Token endpoint answered ${res.status}`);
  return body.access_token;
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { items?: Record<string, unknown>[] };
}

export function api(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  return request(apiUrl(), method, path, body, headers);
}

/** One HTTP call with an optional JSON body (a string is sent as is); the response body parsed as JSON. */
async function request(
  base: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<ApiResponse> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text ? (JSON.parse(text) as ApiResponse['body']) : {},
  };
}

/** A unique, valid handle/sku/slug fragment for this test run. */
export const unique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

export function productBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const handle = unique('tee');
  return {
    handle,
    title: 'Organic tee',
    description: 'Soft cotton.',
    status: 'published',
    attributes: { material: 'cotton' },
    options: [{ name: 'size', values: ['S', 'M'] }],
    variants: [
      { sku: `${handle}-S`, title: 'S', optionValues: { size: 'S' }, weightGrams: 180 },
      { sku: `${handle}-M`, title: 'M', optionValues: { size: 'M' }, weightGrams: 200 },
    ],
    ...overrides,
  };
}

/** Polls until `probe` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  what: string | (() => string) = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${typeof what === 'function' ? what() : what}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The claims of a JWT, unverified (the tests only read who a token names). */
export function tokenClaims(token: string): { sub: string; email?: string; username?: string } {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('Not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string; email?: string };
}

export interface BusEvent {
  source: string;
  'detail-type': string;
  detail: { metadata: { id: string; correlationId: string }; data: Record<string, unknown> };
}

/**
 * A test queue subscribed on the bus to `pattern`, as a partner integration would subscribe; `waitFor`
 * resolves with the first event it has seen matching `match`. Close it in afterAll.
 */
export async function listenOnBus(pattern: Record<string, unknown>): Promise<{
  waitFor: (match: (e: BusEvent) => boolean, what: string) => Promise<BusEvent>;
  /** Every event received so far (waitFor receives; this does not). */
  seen: () => readonly BusEvent[];
  /** Receives whatever arrives within `ms` (to check that something did not happen). */
  drain: (ms: number) => Promise<void>;
  close: () => Promise<void>;
}> {
  const bus = stackOutput((k) => k.startsWith('EventBusName'));
  const name = unique('test-listener');
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
  const attrs = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  await eventBridge.send(
    new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: JSON.stringify(pattern) }),
  );
  await eventBridge.send(
    new PutTargetsCommand({
      Rule: name,
      EventBusName: bus,
      Targets: [{ Id: 'queue', Arn: attrs.Attributes!.QueueArn! }],
    }),
  );
  const seen: BusEvent[] = [];
  return {
    waitFor: (match, what) =>
      eventually(
        async () => {
          const found = seen.find(match);
          if (found) return found;
          const out = await sqs.send(
            new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
          );
          seen.push(...(out.Messages ?? []).map((m) => JSON.parse(m.Body!) as BusEvent));
          return undefined;
        },
        45_000,
        what,
      ),
    seen: () => seen,
    drain: async (ms) => {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        const out = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        seen.push(...(out.Messages ?? []).map((m) => JSON.parse(m.Body!) as BusEvent));
      }
    },
    close: async () => {
      await eventBridge.send(new RemoveTargetsCommand({ Rule: name, EventBusName: bus, Ids: ['queue'] }));
      await eventBridge.send(new DeleteRuleCommand({ Name: name, EventBusName: bus }));
      await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    },
  };
}

/** The typed API client (packages/api-client) aimed at the deployed API, optionally signed in. */
export const client = (token?: string): CommerceClient =>
  createCommerceClient({ baseUrl: apiUrl(), ...(token ? { token } : {}) });

/** Base URL of the partner API: the routes that declare scopes, each behind an API key. */
export const partnerApiUrl = (): string => stackOutput((k) => k === 'PartnerUrl').replace(/\/$/, '');

/** An access token from an OAuth2 token endpoint (client credentials), for a client whose secret is known. */
export async function clientCredentialsToken(
  tokenEndpoint: string,
  credentials: { clientId: string; clientSecret: string },
  scopes: readonly string[],
): Promise<string> {
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
  const res = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: scopes.join(' ') }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!res.ok || !body.access_token) throw new Error(`Token endpoint answered ${res.status}`);
  return body.access_token;
}

/** Like `api`, against the partner API. */
export function partnerApi(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  return request(partnerApiUrl(), method, path, body, headers);
}

/**
 * Puts an event on the bus as its producer's outbox relay would, validated against the catalog first;
 * answers its id (give `id` to publish the same event twice, as an at-least-once bus may).
 */
export async function publishEvent<E extends EventDefinition>(
  event: E,
  data: unknown,
  options: { readonly id?: string; readonly correlationId?: string } = {},
): Promise<string> {
  const id = options.id ?? randomUUID();
  const detail = event.detail.parse({
    metadata: {
      id,
      version: event.version,
      occurredAt: new Date().toISOString(),
      correlationId: options.correlationId ?? `e2e-${id}`,
    },
    data,
  });
  const out = await eventBridge.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: stackOutput((k) => k.startsWith('EventBusName')),
          Source: event.source,
          DetailType: event.detailType,
          Detail: JSON.stringify(detail),
        },
      ],
    }),
  );
  if ((out.FailedEntryCount ?? 0) > 0) throw new Error(`PutEvents refused ${event.detailType}`);
  return id;
}

export { GERMAN_METHOD, GERMAN_ZONE } from '../fixtures/germany.ts';

/** Creates the German zone and method unless they exist (a second zone for DE would overlap: 400). */
export async function ensureGermanShipping(staff: CommerceClient): Promise<void> {
  const { id: zoneId, ...zone } = GERMAN_ZONE;
  if (!(await staff.GET('/shipping/zones')).data?.items.some((z) => z.id === zoneId)) {
    const res = await staff.PUT('/shipping/zones/{id}', {
      params: { path: { id: zoneId } },
      body: { ...zone, version: 0 },
    });
    if (res.response.status !== 200)
      throw new Error(`PUT zone: ${res.response.status} ${JSON.stringify(res.error)}`);
  }
  const { id: methodId, ...method } = GERMAN_METHOD;
  if (!(await staff.GET('/shipping/methods')).data?.items.some((m) => m.id === methodId)) {
    const res = await staff.PUT('/shipping/methods/{id}', {
      params: { path: { id: methodId } },
      body: { ...method, version: 0 },
    });
    if (res.response.status !== 200)
      throw new Error(`PUT method: ${res.response.status} ${JSON.stringify(res.error)}`);
  }
}
