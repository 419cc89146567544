// The user service's use cases on in-memory ports: the self-lockout rule (refused before anything changes),
// the audit entry and the user.* event each action leaves, in one write, and invitations.
import { ConflictError, UnauthorizedError, UnprocessableError } from '@commerce/lambda-kit/errors';
import { cursorCodec } from '@commerce/lambda-kit/pagination';
import { describe, expect, it } from 'vitest';
import type { UserAccount } from '../../../functions/user/domain/user.ts';
import { Users, type Caller } from '../../../functions/user/user.ts';
import { MemoryAuditLog, MemoryDirectory } from './memory-ports.ts';

const now = new Date('2026-02-02T10:00:00.000Z');
const context = { correlationId: 'corr-1' };
const admin: Caller = { kind: 'user', sub: 'admin-sub', email: 'admin@example.com' };
const actor = { sub: 'admin-sub', email: 'admin@example.com' };

const account = (id: string, overrides: Partial<UserAccount> = {}): UserAccount => ({
  id,
  sub: id,
  email: `${id}@example.com`,
  enabled: true,
  status: 'CONFIRMED',
  groups: ['staff'],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

function setup() {
  const directory = new MemoryDirectory();
  directory.accounts.set('admin-sub', account('admin-sub', { email: admin.email!, groups: ['admin'] }));
  directory.accounts.set('u1', account('u1'));
  const audit = new MemoryAuditLog();
  return { directory, audit, users: new Users(directory, audit, () => now) };
}

describe('self-lockout', () => {
  it('refuses an admin disabling themselves or leaving admin, before anything is applied or recorded', async () => {
    const { directory, audit, users } = setup();
    for (const action of [{ kind: 'disable' }, { kind: 'remove-group', group: 'admin' }] as const) {
      const refused = users.administer(admin, 'admin-sub', action, context);
      await expect(refused).rejects.toThrow(UnprocessableError);
      await expect(refused).rejects.toMatchObject({ problemType: 'self-lockout' });
    }
    expect(directory.applied).toEqual([]);
    expect(audit.entries).toEqual([]);
    expect(audit.published).toEqual([]);
    expect(directory.accounts.get('admin-sub')).toMatchObject({ enabled: true, groups: ['admin'] });
  });

  it('lets an admin do the rest to themselves', async () => {
    const { directory, users } = setup();
    await users.administer(admin, 'admin-sub', { kind: 'remove-group', group: 'staff' }, context);
    await users.administer(admin, 'admin-sub', { kind: 'sign-out' }, context);
    expect(directory.applied).toHaveLength(2);
  });
});

describe('an admin action', () => {
  it('is applied, then recorded in the audit log with the user.* event that announces it', async () => {
    const { directory, audit, users } = setup();
    const view = await users.administer(admin, 'u1', { kind: 'disable' }, context);
    expect(view).toMatchObject({ id: 'u1', enabled: false, updatedAt: now.toISOString() });
    expect(view).not.toHaveProperty('sub');
    expect(directory.applied).toEqual([{ id: 'u1', action: { kind: 'disable' } }]);
    expect(audit.published).toEqual([
      {
        detailType: 'user.disabled',
        metadata: expect.objectContaining({
          correlationId: 'corr-1',
          occurredAt: now.toISOString(),
        }) as unknown,
        data: { user: { id: 'u1', email: 'u1@example.com' }, actor },
      },
    ]);
    expect(audit.entries).toEqual([
      {
        userId: 'u1',
        userEmail: 'u1@example.com',
        actor,
        action: 'disable',
        at: now.toISOString(),
        eventId: audit.published[0]!.metadata.id,
        correlationId: 'corr-1',
      },
    ]);
  });

  it('names the group in the event and the audit entry of a group change', async () => {
    const { audit, users } = setup();
    const view = await users.administer(admin, 'u1', { kind: 'add-group', group: 'admin' }, context);
    expect(view.groups).toEqual(['staff', 'admin']);
    expect(audit.published[0]).toMatchObject({
      detailType: 'user.group_added',
      data: { user: { id: 'u1' }, actor, group: 'admin' },
    });
    expect(audit.entries[0]).toMatchObject({ action: 'add-group', group: 'admin' });
  });

  it('is recorded and announced again when repeated (it may be the retry of a failed write)', async () => {
    const { audit, users } = setup();
    audit.failing = true;
    await expect(users.administer(admin, 'u1', { kind: 'disable' }, context)).rejects.toThrow(
      'DynamoDB is down',
    );
    audit.failing = false;
    await users.administer(admin, 'u1', { kind: 'disable' }, context);
    expect(audit.published.map((e) => e.detailType)).toEqual(['user.disabled']);
    expect(audit.entries).toHaveLength(1);
  });

  it('needs an admin whose token carries their email', async () => {
    const { directory, users } = setup();
    const noEmail = { ...admin, email: undefined };
    await expect(users.administer(noEmail, 'u1', { kind: 'enable' }, context)).rejects.toThrow(
      UnauthorizedError,
    );
    expect(directory.applied).toEqual([]);
  });
});

describe('invitations', () => {
  it('create the account in its group and announce user.invited with the group', async () => {
    const { audit, users } = setup();
    const invited = await users.invite(admin, { email: 'new@example.com', group: 'staff' }, context);
    expect(invited).toMatchObject({
      email: 'new@example.com',
      groups: ['staff'],
      status: 'FORCE_CHANGE_PASSWORD',
    });
    expect(audit.published).toMatchObject([
      {
        detailType: 'user.invited',
        data: { user: { id: invited.id, email: 'new@example.com' }, actor, group: 'staff' },
      },
    ]);
    expect(audit.entries).toMatchObject([{ userId: invited.id, action: 'invite', group: 'staff' }]);
  });

  it('refuse an email that has an account, recording nothing', async () => {
    const { audit, users } = setup();
    await expect(users.invite(admin, { email: 'u1@example.com', group: 'staff' }, context)).rejects.toThrow(
      ConflictError,
    );
    expect(audit.entries).toEqual([]);
  });
});

describe('listing', () => {
  it('pages accounts with the directory token wrapped in a cursor bound to the search', async () => {
    const { users } = setup();
    const cursors = cursorCodec('a signing key of at least 32 bytes!');
    const first = await users.list({ limit: 1 }, cursors);
    expect(first.items.map((u) => u.id)).toEqual(['admin-sub']);
    expect(first.items[0]).not.toHaveProperty('sub');
    const second = await users.list({ limit: 1, cursor: first.nextCursor }, cursors);
    expect(second.items.map((u) => u.id)).toEqual(['u1']);
    expect(second.nextCursor).toBeUndefined();
    await expect(
      users.list({ limit: 1, group: 'admin', cursor: first.nextCursor }, cursors),
    ).rejects.toMatchObject({
      status: 400,
    });
  });
});
