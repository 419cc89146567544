// Staff account administration, the pure part: what an admin may do to an account (never lock themselves
// out), what an account looks like after an action, and the audit entry each action leaves.
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
