// Module-scope wiring shared by the user service's handlers: the Cognito directory, the audit store, and
// the one path every admin action takes (check, apply in Cognito, record and announce).
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import {
  UserDisabled,
  UserEnabled,
  UserGroupAdded,
  UserGroupRemoved,
  UserInvited,
  UserPasswordReset,
  UserSignedOut,
} from '@commerce/events';
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import { UnauthorizedError } from '@commerce/lambda-kit/errors';
import type { Principal } from '@commerce/lambda-kit/http';
import { OUTBOX_PK_PREFIX, outboxItem, type OutboxItem } from '@commerce/lambda-kit/outbox';
import * as z from 'zod';
import {
  afterAction,
  assertNoSelfLockout,
  auditEntry,
  type Actor,
  type AdminAction,
  type AuditedAction,
  type UserAccount,
} from './domain/user.ts';
import { CognitoUserDirectory, type Invitation, type UserSummary } from './directory.ts';
import { DynamoUserAuditStore } from './store.ts';

const env = loadEnv(z.object({ TABLE_NAME: z.string().min(1), USER_POOL_ID: z.string().min(1) }));

export const directory = new CognitoUserDirectory(new CognitoIdentityProviderClient({}), env.USER_POOL_ID);
const audit = new DynamoUserAuditStore(createDocumentClient(), env.TABLE_NAME);

/**
 * The admin calling, as the audit log and the events name them. The routes are admin-only (the authorizer
 * checked the group); the email comes from the access token (added by the pre-token-generation trigger).
 */
export function actingAdmin(principal: Principal | undefined): Actor {
  if (!principal || principal.kind !== 'user' || !principal.email) {
    throw new UnauthorizedError('Sign in as an admin with a token that carries your email.');
  }
  return { sub: principal.sub, email: principal.email };
}

function announcement(
  action: AuditedAction,
  data: { user: { id: string; email: string }; actor: Actor },
  correlationId: string,
  now: Date,
): OutboxItem {
  const context = { correlationId };
  switch (action.kind) {
    case 'invite':
      return outboxItem(UserInvited, { ...data, group: action.group }, context, now);
    case 'disable':
      return outboxItem(UserDisabled, data, context, now);
    case 'enable':
      return outboxItem(UserEnabled, data, context, now);
    case 'add-group':
      return outboxItem(UserGroupAdded, { ...data, group: action.group }, context, now);
    case 'remove-group':
      return outboxItem(UserGroupRemoved, { ...data, group: action.group }, context, now);
    case 'reset-password':
      return outboxItem(UserPasswordReset, data, context, now);
    case 'sign-out':
      return outboxItem(UserSignedOut, data, context, now);
  }
}

/** Writes the audit entry and the action's user.* event in one transaction. */
async function record(actor: Actor, user: UserAccount, action: AuditedAction, correlationId: string) {
  const now = new Date();
  const target = { id: user.id, email: user.email };
  const event = announcement(action, { user: target, actor }, correlationId, now);
  const eventId = event.pk.slice(OUTBOX_PK_PREFIX.length);
  await audit.record(auditEntry(actor, target, action, { at: now, eventId, correlationId }), event);
}

/**
 * One admin action on an existing account: read it (404 when missing), refuse a self-lockout (422, nothing
 * changed), apply it in Cognito, then record and announce it. Cognito first: it holds the truth and the
 * call is idempotent. When the audit/outbox write then fails, the handler answers 500 with Cognito already
 * changed; the client's retry re-applies the (idempotent) change and records and announces it. For the
 * same reason an action that changes nothing (disabling a disabled account) is still recorded and
 * announced: it may be exactly that retry.
 */
export async function administer(
  principal: Principal | undefined,
  id: string,
  action: AdminAction,
  correlationId: string,
): Promise<UserAccount> {
  const actor = actingAdmin(principal);
  const account = await directory.get(id);
  assertNoSelfLockout(actor, account, action);
  await directory.apply(account.id, action);
  await record(actor, account, action, correlationId);
  return afterAction(account, action, new Date());
}

/**
 * Invites a staff member: Cognito creates the account and emails the temporary password, the account joins
 * its group, then the invitation is recorded and announced. An invitation is not idempotent (the second
 * is a 409): when the write fails after Cognito created the account, the admin sees a 500 and the account
 * exists unannounced; adding its group again (PUT /users/{id}/groups/{group}) records and announces that.
 */
export async function invite(
  principal: Principal | undefined,
  invitation: Invitation,
  correlationId: string,
): Promise<UserAccount> {
  const actor = actingAdmin(principal);
  const account = await directory.invite(invitation);
  await record(actor, account, { kind: 'invite', group: invitation.group }, correlationId);
  return account;
}

/** An account as the API shows it (the `sub` is the id in this pool). */
export function userView(account: UserAccount) {
  const { sub: _sub, ...view } = account;
  return { ...view, groups: [...view.groups] };
}

export function userSummaryView(account: UserSummary) {
  const { sub: _sub, ...view } = account;
  return view;
}
