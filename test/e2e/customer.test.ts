// The customer service end to end, through the typed API client (packages/api-client): sign-up to profile,
// addresses, the object-level matrix, segments by staff, mass assignment, export and account deletion.
// Requests the client's types would refuse (unknown fields, wrong values) go through the raw `api` helper.
import { DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { EMULATOR_ENDPOINT, REGION } from '@commerce/local-cloud';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  bearer,
  client,
  clientId,
  cognito,
  listenOnBus,
  passwordSignIn,
  signIn,
  signUp,
  tokenClaims,
  userPoolId,
} from './support.ts';

const address = {
  name: 'Ada Lovelace',
  line1: '12 St James Square',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
};

let a: Awaited<ReturnType<typeof signUp>>;
let b: Awaited<ReturnType<typeof signUp>>;
let staff: ReturnType<typeof client>;

async function profile(api: ReturnType<typeof client>) {
  const { data, response } = await api.GET('/me');
  if (!data) throw new Error(`GET /me answered ${response.status}`);
  return data;
}

beforeAll(async () => {
  let staffToken: string;
  [a, b, staffToken] = await Promise.all([signUp(), signUp(), signIn(['staff'])]);
  staff = client(staffToken);
});

describe('sign-up', () => {
  // In AWS, Cognito invokes the post-confirmation trigger when a shopper confirms; the emulator never does
  // (docs/local-cloud.md). So the test plays Cognito's part: it sends the deployed trigger the event
  // Cognito sends, then checks what the trigger did before the shopper has called the API at all.
  const lambda = new LambdaClient({
    endpoint: EMULATOR_ENDPOINT,
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

  it('creates the profile in the post-confirmation trigger and announces customer.registered once', async () => {
    const pool = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId() }));
    const trigger = pool.UserPool?.LambdaConfig?.PostConfirmation;
    expect(trigger).toMatch(/^arn:aws:lambda:/);
    const listener = await listenOnBus({ 'detail-type': ['customer.registered'] });
    try {
      const shopper = await signUp();
      const { sub } = tokenClaims(shopper.token);
      const event = {
        version: '1',
        region: REGION,
        userPoolId: userPoolId(),
        userName: sub,
        triggerSource: 'PostConfirmation_ConfirmSignUp',
        callerContext: { awsSdkVersion: 'aws-sdk-js-3', clientId: clientId('Storefront') },
        request: {
          userAttributes: {
            sub,
            email: shopper.email,
            email_verified: 'true',
            'cognito:user_status': 'CONFIRMED',
          },
        },
        response: {},
      };
      for (let i = 0; i < 2; i++) {
        const out = await lambda.send(
          new InvokeCommand({ FunctionName: trigger, Payload: Buffer.from(JSON.stringify(event)) }),
        );
        expect(out.FunctionError).toBeUndefined();
        // A trigger hands Cognito its event back.
        expect(JSON.parse(Buffer.from(out.Payload!).toString())).toMatchObject({ userName: sub });
      }

      const viewed = await staff.GET('/customers/{id}', { params: { path: { id: sub } } });
      expect(viewed.response.status).toBe(200);
      expect(viewed.data).toMatchObject({ id: sub, email: shopper.email, version: 1 });
      const registered = await listener.waitFor(
        (e) => (e.detail.data as { id?: string }).id === sub,
        'customer.registered',
      );
      expect(registered.detail.data).toMatchObject({ email: shopper.email, segments: [] });
      // The second invocation found the profile: no second event, and GET /me sees the same profile.
      await listener.drain(3000);
      expect(listener.seen().filter((e) => (e.detail.data as { id?: string }).id === sub)).toHaveLength(1);
      expect((await client(shopper.token).GET('/me')).data).toMatchObject({ id: sub, version: 1 });
    } finally {
      await listener.close();
    }
  });
});

describe('customer profile', () => {
  it('exists after sign-up, confirmation and sign-in', async () => {
    const { data, response } = await client(a.token).GET('/me');
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ email: a.email, segments: [], version: 1 });
  });

  it('changes what the customer may change, and refuses segments, groups and email (nothing changed)', async () => {
    const me = client(a.token);
    const before = await profile(me);
    for (const field of [{ segments: ['vip'] }, { groups: ['admin'] }, { email: 'x@example.com' }]) {
      const res = await api('PATCH', '/me', { version: before.version, ...field }, bearer(a.token));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ detail: 'Unknown field.' })]);
    }
    expect(await profile(me)).toEqual(before);

    const updated = await me.PATCH('/me', {
      body: {
        version: before.version,
        givenName: 'Ada',
        locale: 'en-GB',
        preferredCurrency: 'GBP',
        marketingConsent: { email: true, sms: false },
      },
    });
    expect(updated.response.status).toBe(200);
    expect(updated.data).toMatchObject({ givenName: 'Ada', preferredCurrency: 'GBP', segments: [] });
    const stale = await me.PATCH('/me', { body: { version: before.version, givenName: 'X' } });
    expect(stale.response.status).toBe(409);
    expect(stale.error).toMatchObject({ status: 409 });
  });
});

describe('addresses and the object-level matrix', () => {
  it('belong to their customer only', async () => {
    const [me, other] = [client(a.token), client(b.token)];
    const created = await me.POST('/me/addresses', { body: { ...address, defaultShipping: true } });
    expect(created.response.status).toBe(201);
    const id = created.data!.id;
    const path = { params: { path: { id } } };
    expect((await me.GET('/me/addresses')).data?.items).toEqual([
      expect.objectContaining({ id, defaultShipping: true, defaultBilling: false }),
    ]);

    // B sees none of A's data and cannot touch A's address by its id.
    expect((await other.GET('/me/addresses')).data?.items).toEqual([]);
    expect((await profile(other)).email).toBe(b.email);
    const put = await other.PUT('/me/addresses/{id}', { ...path, body: { ...address, city: 'Paris' } });
    expect(put.response.status).toBe(404);
    expect((await other.DELETE('/me/addresses/{id}', path)).response.status).toBe(404);
    expect((await me.GET('/me/addresses')).data?.items).toEqual([
      expect.objectContaining({ id, city: 'London' }),
    ]);
    // Nor reach the staff view of A.
    const aId = (await profile(me)).id;
    const staffView = await other.GET('/customers/{id}', { params: { path: { id: aId } } });
    expect(staffView.response.status).toBe(403);

    const replaced = await me.PUT('/me/addresses/{id}', { ...path, body: { ...address, city: 'Oxford' } });
    expect(replaced.data).toMatchObject({ city: 'Oxford' });
    expect((await me.DELETE('/me/addresses/{id}', path)).response.status).toBe(204);
    expect((await profile(me)).defaultShippingAddressId).toBeUndefined();
  });

  it('are validated field by field', async () => {
    const res = await api(
      'POST',
      '/me/addresses',
      { ...address, country: 'Britain', owner: 'x' },
      bearer(a.token),
    );
    expect(res.status).toBe(400);
    const pointers = (res.body.errors as { pointer: string }[]).map((e) => e.pointer).sort();
    expect(pointers).toEqual(['/country', '/owner']);
  });
});

describe('staff', () => {
  it('see customers and set their segments', async () => {
    const me = await profile(client(b.token));
    const path = { params: { path: { id: me.id } } };
    const viewed = await staff.GET('/customers/{id}', path);
    expect(viewed.response.status).toBe(200);
    expect(viewed.data).toMatchObject({ email: b.email, addresses: [] });
    const set = await staff.PUT('/customers/{id}/segments', {
      ...path,
      body: { version: me.version, segments: ['vip', 'wholesale'] },
    });
    expect(set.response.status).toBe(200);
    expect((await profile(client(b.token))).segments).toEqual(['vip', 'wholesale']);
    const listed = await staff.GET('/customers', { params: { query: { limit: 100 } } });
    expect(listed.data?.items.map((c) => c.id)).toContain(me.id);
  });
});

describe('leaving', () => {
  it('exports everything, then anonymizes the profile and deletes the sign-in account', async () => {
    const c = await signUp();
    const me = client(c.token);
    await me.POST('/me/addresses', { body: address });
    const exported = await me.GET('/me/export');
    expect(exported.data).toMatchObject({
      profile: { email: c.email },
      addresses: [expect.objectContaining({ city: 'London' })],
    });
    const id = exported.data!.profile.id;

    expect((await me.DELETE('/me')).response.status).toBe(204);
    const viewed = await staff.GET('/customers/{id}', { params: { path: { id } } });
    expect(viewed.data).toMatchObject({ email: `deleted-${id}@invalid`, addresses: [] });
    expect(viewed.data?.givenName).toBeUndefined();
    await expect(passwordSignIn(c.email, c.password)).rejects.toThrow();
  });
});
