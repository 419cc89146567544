// The user service end to end: admins list, search and read accounts, invite staff, disable and enable,
// change groups, force password resets and sign accounts out; every change puts a user.* event naming the
// admin on the bus. Staff and customers are refused, and an admin cannot lock themselves out.
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { EMULATOR_ENDPOINT } from '@commerce/local-cloud';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  bearer,
  clientId,
  cognito,
  listenOnBus,
  passwordSignIn,
  signIn,
  signUp,
  tokenClaims,
  unique,
  type ApiResponse,
  type BusEvent,
} from './support.ts';

let admin = { token: '', sub: '', email: '' };
let staffToken = '';
let customer: Awaited<ReturnType<typeof signUp>>;
let bus: Awaited<ReturnType<typeof listenOnBus>>;

const adminApi = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  api(method, path, body, { ...bearer(admin.token), ...headers });

/** A signed-up shopper with their Cognito id (the `sub`, which is the username in this pool). */
async function account() {
  const signedUp = await signUp();
  return { ...signedUp, id: tokenClaims(signedUp.token).sub };
}

/** The user.* event of `detailType` about `userId`, once it is on the bus. */
const userEvent = (detailType: string, userId: string): Promise<BusEvent> =>
  bus.waitFor(
    (e) => e['detail-type'] === detailType && (e.detail.data.user as { id: string }).id === userId,
    `${detailType} for ${userId}`,
  );

function expectActedByAdmin(event: BusEvent, user: { id: string; email: string }) {
  expect(event.source).toBe('commerce.user');
  expect(event.detail.data).toMatchObject({ user, actor: { sub: admin.sub, email: admin.email } });
}

beforeAll(async () => {
  const [adminToken, staff, shopper, listener] = await Promise.all([
    signIn(['admin']),
    signIn(['staff']),
    signUp(),
    listenOnBus({ source: ['commerce.user'] }),
  ]);
  const claims = tokenClaims(adminToken);
  admin = { token: adminToken, sub: claims.sub, email: claims.email ?? '' };
  staffToken = staff;
  customer = shopper;
  bus = listener;
});

afterAll(async () => {
  await bus.close();
});

describe('access', () => {
  it('refuses staff and customers on every user route (403), and nobody without a token (401)', async () => {
    const target = await account();
    const id = target.id;
    const routes: [string, string, unknown?][] = [
      ['GET', '/users'],
      ['GET', `/users/${id}`],
      ['POST', '/users', { email: `${unique('nope')}@example.com`, group: 'admin' }],
      ['POST', `/users/${id}/disable`],
      ['POST', `/users/${id}/enable`],
      ['PUT', `/users/${id}/groups/admin`],
      ['DELETE', `/users/${id}/groups/staff`],
      ['POST', `/users/${id}/reset-password`],
      ['POST', `/users/${id}/sign-out`],
    ];
    for (const token of [staffToken, customer.token]) {
      for (const [method, path, body] of routes) {
        const res = await api(method, path, body, bearer(token));
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.type).toBe('urn:commerce:problem:forbidden');
      }
    }
    expect((await api('GET', '/users')).status).toBe(401);

    // A staff member cannot make themselves an admin either.
    const staffId = tokenClaims(staffToken).sub;
    expect((await api('PUT', `/users/${staffId}/groups/admin`, undefined, bearer(staffToken))).status).toBe(
      403,
    );
    expect((await adminApi('GET', `/users/${staffId}`)).body.groups).toEqual(['staff']);
    expect((await adminApi('GET', `/users/${id}`)).body).toMatchObject({ enabled: true, groups: [] });
  });
});

describe('listing and reading', () => {
  it('searches by email prefix, page by page with a signed cursor bound to the search', async () => {
    const prefix = unique('list');
    const emails = [`${prefix}-a@example.com`, `${prefix}-b@example.com`];
    for (const email of emails) {
      expect((await adminApi('POST', '/users', { email, group: 'staff' })).status).toBe(201);
    }
    const first = await adminApi('GET', `/users?email=${prefix}&limit=1`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    const cursor = first.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const second = await adminApi(
      'GET',
      `/users?email=${prefix}&limit=1&cursor=${encodeURIComponent(cursor)}`,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeUndefined();
    expect([...first.body.items!, ...second.body.items!].map((u) => u.email).sort()).toEqual(emails);
    // A list shows accounts without their groups (that would be one more Cognito call per account).
    const item = first.body.items![0]!;
    expect(Object.keys(item).sort()).toEqual(['createdAt', 'email', 'enabled', 'id', 'status', 'updatedAt']);
    expect(item).toMatchObject({ enabled: true, status: 'FORCE_CHANGE_PASSWORD' });

    // A cursor is good for its own search only; a forged one is refused.
    const elsewhere = await adminApi('GET', `/users?limit=1&cursor=${encodeURIComponent(cursor)}`);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors).toEqual([expect.objectContaining({ pointer: '/cursor' })]);
    expect((await adminApi('GET', '/users?cursor=abc.def')).status).toBe(400);
    // Both filters: the group's accounts whose email starts with the prefix (a page may be short).
    const both = await adminApi('GET', `/users?email=${prefix}&group=staff&limit=60`);
    expect(both.status).toBe(200);
    expect(both.body.items!.every((u) => String(u.email).startsWith(prefix))).toBe(true);
    expect((await adminApi('GET', '/users?limit=61')).status).toBe(400);
  });

  it('lists a group and reads one account with its groups; an unknown one is 404', async () => {
    const listed = await adminApi('GET', '/users?group=admin&limit=60');
    expect(listed.status).toBe(200);
    expect(listed.body.items!.length).toBeGreaterThan(0);

    const me = await adminApi('GET', `/users/${admin.sub}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: admin.sub, email: admin.email, enabled: true, groups: ['admin'] });

    const missing = await adminApi('GET', `/users/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body.type).toBe('urn:commerce:problem:not-found');
  });
});

describe('invitations', () => {
  it('invite a staff member by email, who then has the group; a second invitation is 409', async () => {
    const email = `${unique('invited')}@example.com`;
    const correlationId = unique('corr');
    const invited = await adminApi(
      'POST',
      '/users',
      { email, givenName: 'Grace', familyName: 'Hopper', group: 'staff' },
      { 'x-correlation-id': correlationId },
    );
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const id = invited.body.id as string;
    expect(invited.headers.get('location')).toBe(`/users/${id}`);
    expect(invited.body).toMatchObject({
      email,
      givenName: 'Grace',
      familyName: 'Hopper',
      enabled: true,
      status: 'FORCE_CHANGE_PASSWORD',
      groups: ['staff'],
    });
    expect((await adminApi('GET', `/users/${id}`)).body).toMatchObject({ email, groups: ['staff'] });
    const found = await adminApi('GET', `/users?email=${encodeURIComponent(email)}`);
    expect(found.body.items!.map((u) => u.id)).toEqual([id]);

    const event = await userEvent('user.invited', id);
    expectActedByAdmin(event, { id, email });
    expect(event.detail.data.group).toBe('staff');
    expect(event.detail.metadata.correlationId).toBe(correlationId);

    // Cognito emailed the temporary password (the emulator records mail as SES would send it).
    const mail = await (await fetch(`${EMULATOR_ENDPOINT}/_ministack/ses/messages`)).text();
    expect(mail).toContain(email);

    const again = await adminApi('POST', '/users', { email, group: 'admin' });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('urn:commerce:problem:user-exists');
    expect((await adminApi('GET', `/users/${id}`)).body.groups).toEqual(['staff']);
  });

  it('refuses an unknown group or field', async () => {
    const email = `${unique('invited')}@example.com`;
    expect((await adminApi('POST', '/users', { email, group: 'root' })).status).toBe(400);
    expect((await adminApi('POST', '/users', { email, group: 'staff', enabled: false })).status).toBe(400);
  });
});

describe('disabling and enabling', () => {
  it('stops and restores sign-in, and announces both', async () => {
    const target = await account();
    const disabled = await adminApi('POST', `/users/${target.id}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ id: target.id, enabled: false });
    expect((await adminApi('GET', `/users/${target.id}`)).body.enabled).toBe(false);
    await expect(passwordSignIn(target.email, target.password)).rejects.toThrow(/disabled/i);
    expectActedByAdmin(await userEvent('user.disabled', target.id), {
      id: target.id,
      email: target.email,
    });

    const enabled = await adminApi('POST', `/users/${target.id}/enable`);
    expect(enabled.status).toBe(200);
    expect(enabled.body.enabled).toBe(true);
    await expect(passwordSignIn(target.email, target.password)).resolves.toEqual(expect.any(String));
    expectActedByAdmin(await userEvent('user.enabled', target.id), { id: target.id, email: target.email });
  });

  it('answers 404 for an unknown account', async () => {
    const res = await adminApi('POST', `/users/${randomUUID()}/disable`);
    expect(res.status).toBe(404);
  });
});

describe('groups', () => {
  it('are added and removed, visible on the account, and announced', async () => {
    const target = await account();
    const added = await adminApi('PUT', `/users/${target.id}/groups/staff`);
    expect(added.status).toBe(200);
    expect(added.body.groups).toEqual(['staff']);
    expect((await adminApi('GET', `/users/${target.id}`)).body.groups).toEqual(['staff']);
    const addedEvent = await userEvent('user.group_added', target.id);
    expectActedByAdmin(addedEvent, { id: target.id, email: target.email });
    expect(addedEvent.detail.data.group).toBe('staff');

    const removed = await adminApi('DELETE', `/users/${target.id}/groups/staff`);
    expect(removed.status).toBe(200);
    expect(removed.body.groups).toEqual([]);
    expect((await adminApi('GET', `/users/${target.id}`)).body.groups).toEqual([]);
    const removedEvent = await userEvent('user.group_removed', target.id);
    expectActedByAdmin(removedEvent, { id: target.id, email: target.email });
    expect(removedEvent.detail.data.group).toBe('staff');

    expect((await adminApi('PUT', `/users/${target.id}/groups/root`)).status).toBe(400);
  });
});

describe('password reset and sign-out', () => {
  it('sign-out revokes the refresh token; the access token lives until it expires', async () => {
    const target = await account();
    const auth = await cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId('Storefront'),
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: target.email, PASSWORD: target.password },
      }),
    );
    const refreshToken = auth.AuthenticationResult!.RefreshToken!;
    const refresh = () =>
      cognito.send(
        new InitiateAuthCommand({
          ClientId: clientId('Storefront'),
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      );
    await expect(refresh()).resolves.toBeDefined();
    // The emulator revokes tokens issued before the sign-out second, not within it.
    await new Promise((r) => setTimeout(r, 1100));

    const signedOut = await adminApi('POST', `/users/${target.id}/sign-out`);
    expect(signedOut.status).toBe(204);
    await expect(refresh()).rejects.toThrow();
    expectActedByAdmin(await userEvent('user.signed_out', target.id), { id: target.id, email: target.email });
    // The authorizer verifies access tokens offline: one issued before the sign-out still works.
    expect((await api('GET', '/me', undefined, bearer(target.token))).status).toBe(200);
  });

  it('a forced reset makes the account set a new password before it signs in again', async () => {
    const target = await account();
    const reset = await adminApi('POST', `/users/${target.id}/reset-password`);
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ id: target.id, status: 'RESET_REQUIRED' });
    await expect(passwordSignIn(target.email, target.password)).rejects.toThrow(/reset required/i);
    expectActedByAdmin(await userEvent('user.password_reset', target.id), {
      id: target.id,
      email: target.email,
    });
  });
});

describe('self-lockout', () => {
  it('refuses an admin disabling themselves or leaving the admin group; nothing changes', async () => {
    const before = (await adminApi('GET', `/users/${admin.sub}`)).body;

    const disable = await adminApi('POST', `/users/${admin.sub}/disable`);
    expect(disable.status).toBe(422);
    expect(disable.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(disable.body.type).toBe('urn:commerce:problem:self-lockout');

    const leave = await adminApi('DELETE', `/users/${admin.sub}/groups/admin`);
    expect(leave.status).toBe(422);
    expect(leave.body.type).toBe('urn:commerce:problem:self-lockout');

    // Read with the admin's own token: it still has every right.
    const after: ApiResponse = await adminApi('GET', `/users/${admin.sub}`);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before);
    expect(after.body).toMatchObject({ enabled: true, groups: ['admin'] });

    // Nothing was announced either: a later action's event arrives, and none about the admin before it.
    const other = await account();
    expect((await adminApi('POST', `/users/${other.id}/sign-out`)).status).toBe(204);
    await userEvent('user.signed_out', other.id);
    const aboutAdmin = bus
      .seen()
      .filter((e) => (e.detail.data.user as { id: string }).id === admin.sub)
      .map((e) => e['detail-type']);
    expect(aboutAdmin).not.toContain('user.disabled');
    expect(aboutAdmin).not.toContain('user.group_removed');
  });
});
