// The user service's ports in memory: a directory of accounts that applies actions as Cognito does, and an
// audit log that keeps each entry with the events its transaction carried.
import { ConflictError, NotFoundError } from '@commerce/lambda-kit/errors';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { UserAuditStore, UserDirectory, UserListQuery } from '../../../functions/user/domain/ports.ts';
import {
  afterAction,
  type AdminAction,
  type AuditEntry,
  type Invitation,
  type UserAccount,
  type UserSummary,
} from '../../../functions/user/domain/user.ts';

/** An event as the outbox relay will publish it. */
export interface Published {
  readonly detailType: string;
  readonly metadata: { readonly id: string; readonly correlationId: string; readonly occurredAt: string };
  readonly data: unknown;
}

export class MemoryDirectory implements UserDirectory {
  readonly accounts = new Map<string, UserAccount>();
  readonly applied: { id: string; action: AdminAction }[] = [];

  list(query: UserListQuery): Promise<{ items: UserSummary[]; token: string | undefined }> {
    const all = [...this.accounts.values()]
      .filter((a) => !query.emailPrefix || a.email.startsWith(query.emailPrefix))
      .filter((a) => !query.group || a.groups.includes(query.group))
      .map(({ groups: _groups, ...summary }) => summary);
    const from = Number(query.token ?? 0);
    const items = all.slice(from, from + query.limit);
    const next = from + items.length;
    return Promise.resolve({ items, token: next < all.length ? String(next) : undefined });
  }

  get(id: string): Promise<UserAccount> {
    const account = this.accounts.get(id);
    return account ? Promise.resolve(account) : Promise.reject(new NotFoundError('No such user.'));
  }

  invite(invitation: Invitation): Promise<UserAccount> {
    if ([...this.accounts.values()].some((a) => a.email === invitation.email)) {
      return Promise.reject(new ConflictError('An account with that email already exists.', 'user-exists'));
    }
    const id = `user-${this.accounts.size + 1}`;
    const account: UserAccount = {
      id,
      sub: id,
      email: invitation.email,
      ...(invitation.givenName ? { givenName: invitation.givenName } : {}),
      enabled: true,
      status: 'FORCE_CHANGE_PASSWORD',
      groups: [invitation.group],
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    this.accounts.set(id, account);
    return Promise.resolve(account);
  }

  apply(id: string, action: AdminAction): Promise<void> {
    const account = this.accounts.get(id);
    if (!account) return Promise.reject(new NotFoundError('No such user.'));
    this.applied.push({ id, action });
    this.accounts.set(id, afterAction(account, action, new Date('2026-01-02T00:00:00.000Z')));
    return Promise.resolve();
  }
}

export class MemoryAuditLog implements UserAuditStore {
  readonly entries: AuditEntry[] = [];
  readonly published: Published[] = [];
  failing = false;

  record(entry: AuditEntry, outbox: readonly OutboxItem[]): Promise<void> {
    if (this.failing) return Promise.reject(new Error('DynamoDB is down'));
    this.entries.push(entry);
    for (const item of outbox) {
      const detail = JSON.parse(item.detail) as Pick<Published, 'metadata' | 'data'>;
      this.published.push({ detailType: item.detailType, ...detail });
    }
    return Promise.resolve();
  }
}
