// Staff account administration, the pure part: what an admin may do to an account (never lock themselves
// out), what an account looks like after an action, the user.* event that announces it and the audit entry
// each action leaves.
import {
  domainEvent,
  UserDisabled,
  UserEnabled,
  UserGroupAdded,
  UserGroupRemoved,
  UserInvited,
  UserPasswordReset,
  UserSignedOut,
  type DomainEvent,
} from '@commerce/events';
import { UnprocessableError } from '@commerce/lambda-kit/errors';

/** The Cognito groups that carry rights (customers are in none); the only groups admins manage here. */
export const USER_GROUPS = ['staff', 'admin'] as const;
export type UserGroup = (typeof USER_GROUPS)[number];

/** The admin acting, from their access token. */
export interface Actor {
  readonly sub: string;
  readonly email: string;
}

/** An account as the directory (Cognito) holds it. */
export interface UserAccount {
  /** The Cognito username; in this pool (email sign-in) a UUID equal to `sub`. */
  readonly id: string;
  readonly sub: string;
  readonly email: string;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly enabled: boolean;
  /** Cognito's UserStatus: CONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED, UNCONFIRMED... */
  readonly status: string;
  readonly groups: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** An account as a list shows it: without its groups (one more call per account). */
export type UserSummary = Omit<UserAccount, 'groups'>;

/** A staff member to invite: Cognito creates the account and emails the temporary password. */
export interface Invitation {
  readonly email: string;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly group: UserGroup;
}

/** The actions on an existing account. Every one is idempotent in Cognito. */
export type AdminAction =
  | { readonly kind: 'disable' }
  | { readonly kind: 'enable' }
  | { readonly kind: 'add-group'; readonly group: UserGroup }
  | { readonly kind: 'remove-group'; readonly group: UserGroup }
  | { readonly kind: 'reset-password' }
  | { readonly kind: 'sign-out' };

/** Every action the audit log records: those on an existing account, and the invitation that creates one. */
export type AuditedAction = AdminAction | { readonly kind: 'invite'; readonly group: UserGroup };

/**
 * Why `action` would lock the acting admin out of user administration, or undefined when it may go ahead.
 * The target is compared by `sub`, not by the id in the path, so no alias of the admin's own account slips
 * through.
 */
export function selfLockoutReason(
  actor: Actor,
  target: UserAccount,
  action: AdminAction,
): string | undefined {
  if (target.sub !== actor.sub) return undefined;
  if (action.kind === 'disable') return 'You cannot disable your own account; ask another admin.';
  if (action.kind === 'remove-group' && action.group === 'admin') {
    return 'You cannot remove yourself from the admin group; ask another admin.';
  }
  return undefined;
}

/** Refuses (422, `self-lockout`) an action that would lock the acting admin out; nothing is changed. */
export function assertNoSelfLockout(actor: Actor, target: UserAccount, action: AdminAction): void {
  const reason = selfLockoutReason(actor, target, action);
  if (reason) throw new UnprocessableError(reason, 'self-lockout');
}

/** The account as it is once Cognito has applied `action` (saves reading it back). */
export function afterAction(account: UserAccount, action: AdminAction, now: Date): UserAccount {
  const updatedAt = now.toISOString();
  switch (action.kind) {
    case 'disable':
      return { ...account, enabled: false, updatedAt };
    case 'enable':
      return { ...account, enabled: true, updatedAt };
    // Group membership is not part of the user record: its modification date stays.
    case 'add-group':
      return account.groups.includes(action.group)
        ? account
        : { ...account, groups: [...account.groups, action.group] };
    case 'remove-group':
      return { ...account, groups: account.groups.filter((g) => g !== action.group) };
    case 'reset-password':
      return { ...account, status: 'RESET_REQUIRED', updatedAt };
    case 'sign-out':
      return account;
  }
}

/** What an admin action does: the account as it is afterwards and the user.* event that announces it. */
export interface AdminTransition {
  readonly account: UserAccount;
  readonly events: readonly DomainEvent[];
}

/** An action on an existing account, decided: refused (422) when it would lock the acting admin out. */
export function administer(
  actor: Actor,
  account: UserAccount,
  action: AdminAction,
  now: Date,
): AdminTransition {
  assertNoSelfLockout(actor, account, action);
  return { account: afterAction(account, action, now), events: [announcement(actor, account, action)] };
}

/** The invitation that created `account` in its group, announced as user.invited. */
export function invitation(actor: Actor, account: UserAccount, group: UserGroup): AdminTransition {
  return { account, events: [announcement(actor, account, { kind: 'invite', group })] };
}

/** The user.* event of an action: the account acted on and the admin who acted (and the group, if any). */
function announcement(actor: Actor, account: UserAccount, action: AuditedAction): DomainEvent {
  const data = {
    user: { id: account.id, email: account.email },
    actor: { sub: actor.sub, email: actor.email },
  };
  switch (action.kind) {
    case 'invite':
      return domainEvent(UserInvited, { ...data, group: action.group });
    case 'disable':
      return domainEvent(UserDisabled, data);
    case 'enable':
      return domainEvent(UserEnabled, data);
    case 'add-group':
      return domainEvent(UserGroupAdded, { ...data, group: action.group });
    case 'remove-group':
      return domainEvent(UserGroupRemoved, { ...data, group: action.group });
    case 'reset-password':
      return domainEvent(UserPasswordReset, data);
    case 'sign-out':
      return domainEvent(UserSignedOut, data);
  }
}

/** One line of the audit log: who did what to whom, when, and the event that announced it. */
export interface AuditEntry {
  readonly userId: string;
  readonly userEmail: string;
  readonly actor: Actor;
  readonly action: AuditedAction['kind'];
  readonly group?: UserGroup;
  readonly at: string;
  readonly eventId: string;
  readonly correlationId: string;
}

export function auditEntry(
  actor: Actor,
  user: { readonly id: string; readonly email: string },
  action: AuditedAction,
  context: { readonly at: Date; readonly eventId: string; readonly correlationId: string },
): AuditEntry {
  return {
    userId: user.id,
    userEmail: user.email,
    actor: { sub: actor.sub, email: actor.email },
    action: action.kind,
    ...('group' in action ? { group: action.group } : {}),
    at: context.at.toISOString(),
    eventId: context.eventId,
    correlationId: context.correlationId,
  };
}

/** An account as the API shows it (the `sub` is the id in this pool). */
export function userView(account: UserAccount) {
  const { sub: _sub, ...view } = account;
  return { ...view, groups: [...view.groups] };
}

export type UserView = ReturnType<typeof userView>;

export function userSummaryView(account: UserSummary) {
  const { sub: _sub, ...view } = account;
  return view;
}

export type UserSummaryView = ReturnType<typeof userSummaryView>;
