// What the user service needs from outside: the directory of accounts (Cognito, adapter in ../directory.ts)
// and the audit log (DynamoDB, adapter in ../store.ts), which takes each entry with the outbox items of the
// event announcing it and commits both in one transaction.
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { AdminAction, AuditEntry, Invitation, UserAccount, UserGroup, UserSummary } from './user.ts';

export interface UserListQuery {
  readonly limit: number;
  /** The directory's own pagination token, from the previous page. */
  readonly token?: string;
  /** Accounts whose email starts with this (case-insensitive). */
  readonly emailPrefix?: string;
  /** Accounts in this group; with `emailPrefix` too, those of the group whose email starts with it. */
  readonly group?: UserGroup;
}

export interface UserDirectory {
  list(query: UserListQuery): Promise<{ items: UserSummary[]; token: string | undefined }>;
  /** The account with its groups; NotFoundError when there is none. */
  get(id: string): Promise<UserAccount>;
  /** Creates the account and puts it in its group; ConflictError `user-exists` for a known email. */
  invite(invitation: Invitation): Promise<UserAccount>;
  /** Applies an action to an existing account; idempotent. */
  apply(id: string, action: AdminAction): Promise<void>;
}

export interface UserAuditStore {
  /** Writes the audit entry and its event in one transaction: both or neither. */
  record(entry: AuditEntry, outbox: readonly OutboxItem[]): Promise<void>;
}
