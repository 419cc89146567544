import { ConflictError, NotFoundError, UnprocessableError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import { inviteBody, listUsersQuery } from '../../../functions/user/routes.ts';
import { fromCognitoError } from '../../../functions/user/directory.ts';
import {
  afterAction,
  assertNoSelfLockout,
  auditEntry,
  selfLockoutReason,
  type Actor,
  type AdminAction,
  type UserAccount,
} from '../../../functions/user/domain/user.ts';

const admin: Actor = { sub: 'a1b2c3d4-0000-4000-8000-000000000001', email: 'admin@example.com' };

const account = (overrides: Partial<UserAccount> = {}): UserAccount => ({
  id: 'b1b2c3d4-0000-4000-8000-000000000002',
  sub: 'b1b2c3d4-0000-4000-8000-000000000002',
  email: 'someone@example.com',
  enabled: true,
  status: 'CONFIRMED',
  groups: ['staff'],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

/** The admin's own account: same sub, in the admin group. */
const self = account({ id: admin.sub, sub: admin.sub, email: admin.email, groups: ['admin'] });

const everyAction: AdminAction[] = [
  { kind: 'disable' },
  { kind: 'enable' },
  { kind: 'add-group', group: 'staff' },
  { kind: 'add-group', group: 'admin' },
  { kind: 'remove-group', group: 'staff' },
  { kind: 'remove-group', group: 'admin' },
  { kind: 'reset-password' },
  { kind: 'sign-out' },
];

describe('self-lockout', () => {
  it('refuses an admin disabling themselves', () => {
    expect(selfLockoutReason(admin, self, { kind: 'disable' })).toMatch(/cannot disable your own account/);
    expect(() => assertNoSelfLockout(admin, self, { kind: 'disable' })).toThrow(UnprocessableError);
  });

  it('refuses an admin removing their own admin group, with the self-lockout problem type', () => {
    let caught: unknown;
    try {
      assertNoSelfLockout(admin, self, { kind: 'remove-group', group: 'admin' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnprocessableError);
    expect(caught).toMatchObject({ status: 422, problemType: 'self-lockout' });
  });

  it('recognizes the admin by sub, whatever id the request used', () => {
    const byAlias = { ...self, id: 'some-other-username' };
    expect(selfLockoutReason(admin, byAlias, { kind: 'disable' })).toBeDefined();
  });

  it('lets an admin do everything else to themselves', () => {
    const allowed = everyAction.filter(
      (a) => a.kind !== 'disable' && !(a.kind === 'remove-group' && a.group === 'admin'),
    );
    expect(allowed).toHaveLength(6);
    for (const action of allowed) expect(selfLockoutReason(admin, self, action)).toBeUndefined();
  });

  it('lets an admin do everything to another account, other admins included', () => {
    const otherAdmin = account({ groups: ['admin'] });
    for (const action of everyAction) {
      expect(() => assertNoSelfLockout(admin, otherAdmin, action)).not.toThrow();
    }
  });
});

describe('afterAction', () => {
  const now = new Date('2026-02-02T10:00:00.000Z');

  it('disables and enables', () => {
    const disabled = afterAction(account(), { kind: 'disable' }, now);
    expect(disabled).toMatchObject({ enabled: false, updatedAt: now.toISOString() });
    expect(afterAction(disabled, { kind: 'enable' }, now).enabled).toBe(true);
  });

  it('adds a group once and removes it', () => {
    const added = afterAction(account(), { kind: 'add-group', group: 'admin' }, now);
    expect(added.groups).toEqual(['staff', 'admin']);
    expect(afterAction(added, { kind: 'add-group', group: 'admin' }, now).groups).toEqual(['staff', 'admin']);
    expect(afterAction(added, { kind: 'remove-group', group: 'staff' }, now).groups).toEqual(['admin']);
  });

  it('marks a reset password and leaves a signed-out account as it was', () => {
    expect(afterAction(account(), { kind: 'reset-password' }, now).status).toBe('RESET_REQUIRED');
    expect(afterAction(account(), { kind: 'sign-out' }, now)).toEqual(account());
  });
});

describe('auditEntry', () => {
  it('names the admin, the account, the action and its event', () => {
    const at = new Date('2026-02-02T10:00:00.000Z');
    const entry = auditEntry(
      admin,
      { id: 'u1', email: 'u1@example.com' },
      { kind: 'remove-group', group: 'staff' },
      { at, eventId: 'e1', correlationId: 'c1' },
    );
    expect(entry).toEqual({
      userId: 'u1',
      userEmail: 'u1@example.com',
      actor: admin,
      action: 'remove-group',
      group: 'staff',
      at: at.toISOString(),
      eventId: 'e1',
      correlationId: 'c1',
    });
    expect(
      auditEntry(
        admin,
        { id: 'u1', email: 'x' },
        { kind: 'disable' },
        { at, eventId: 'e', correlationId: 'c' },
      ),
    ).not.toHaveProperty('group');
  });
});

describe('Cognito errors', () => {
  const cognitoError = (name: string) => Object.assign(new Error(name), { name });

  it('map to the typed errors', () => {
    expect(() => fromCognitoError(cognitoError('UserNotFoundException'))).toThrow(NotFoundError);
    expect(() => fromCognitoError(cognitoError('UsernameExistsException'))).toThrow(ConflictError);
    expect(() => fromCognitoError(cognitoError('NotAuthorizedException'))).toThrow(ConflictError);
    expect(() => fromCognitoError(cognitoError('InvalidParameterException'))).toThrow(UnprocessableError);
  });

  it('leave anything else as it is (a logged 500)', () => {
    const throttled = cognitoError('TooManyRequestsException');
    expect(() => fromCognitoError(throttled)).toThrow(throttled);
  });
});

describe('contract', () => {
  it('takes an email search, a group filter or both', () => {
    expect(listUsersQuery.parse({ email: 'ada', group: 'staff' })).toEqual({
      email: 'ada',
      group: 'staff',
      limit: 20,
    });
    expect(listUsersQuery.parse({ email: 'ada' })).toEqual({ email: 'ada', limit: 20 });
  });

  it('admits no quote in the email prefix (it goes into a Cognito filter string)', () => {
    expect(listUsersQuery.safeParse({ email: 'a" or "b' }).success).toBe(false);
  });

  it('invites only into staff or admin, with no unknown fields', () => {
    expect(inviteBody.safeParse({ email: 'new@example.com', group: 'staff' }).success).toBe(true);
    expect(inviteBody.safeParse({ email: 'new@example.com', group: 'root' }).success).toBe(false);
    expect(inviteBody.safeParse({ email: 'new@example.com', group: 'staff', enabled: false }).success).toBe(
      false,
    );
  });
});
