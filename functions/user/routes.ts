// The user service's routes, each declared once: its handler, who may call it, what it calls, the schemas the
// handler validates with and the response it gives. The API, the OpenAPI document and the authorizer's route
// table are built from these entries (scripts/generate.ts). Every route is for admins.
import { cursorQuery, pageSchema, text } from '@commerce/lambda-kit/contract';
import { defineRoutes } from '@commerce/lambda-kit/service';
import * as z from 'zod/mini';
import { USER_GROUPS } from './domain/user.ts';

const group = z.enum(USER_GROUPS);
/** A Cognito username; in this pool (email sign-in) the account's `sub`, a UUID. */
const userId = z.string().check(z.regex(/^[A-Za-z0-9-]{1,128}$/, 'A user id as GET /users lists it.'));

export const userIdParams = z.strictObject({ id: userId });
export const userGroupParams = z.strictObject({ id: userId, group });

export const listUsersQuery = z.strictObject({
  // Cognito answers at most 60 users per call.
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(60)), 20),
  cursor: cursorQuery(4096),
  email: z
    .optional(z.string().check(z.regex(/^[A-Za-z0-9._%+@-]{1,254}$/, 'The start of an email address.')))
    .check(z.describe('Accounts whose email starts with this (case-insensitive).')),
  group: z
    .optional(group)
    .check(
      z.describe(
        'Accounts in this group. With `email` too, a page holds the group’s accounts that match, so it may hold fewer than `limit`.',
      ),
    ),
});

export const inviteBody = z.strictObject({
  email: z.email().check(z.maxLength(254)),
  givenName: z.optional(text(100)),
  familyName: z.optional(text(100)),
  group,
});

const userFields = {
  id: z.string(),
  email: z.string(),
  givenName: z.optional(z.string()),
  familyName: z.optional(z.string()),
  enabled: z.boolean().check(z.describe('False once disabled: the account cannot sign in.')),
  status: z
    .string()
    .check(
      z.describe(
        'Cognito UserStatus: CONFIRMED, FORCE_CHANGE_PASSWORD (invited), RESET_REQUIRED, UNCONFIRMED...',
      ),
    ),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

const user = z
  .strictObject({
    ...userFields,
    groups: z.array(z.string()).check(z.describe('Cognito groups: staff, admin.')),
  })
  .check(z.meta({ id: 'User' }));
const userSummary = z.strictObject(userFields).check(z.meta({ id: 'UserSummary' }));
const userPage = pageSchema(userSummary, 'UserPage');

export const userRoutes = defineRoutes('user', {
  'GET /users': {
    entry: 'http/list-users.ts',
    access: 'admin',
    summary: 'Accounts, by email prefix or group.',
    readOnly: true,
    paginates: true,
    userPoolActions: ['cognito-idp:ListUsers', 'cognito-idp:ListUsersInGroup'],
    query: listUsersQuery,
    response: {
      status: 200,
      description: 'A page of accounts (staff and customers), optionally by email prefix or group.',
      body: userPage,
    },
  },
  'GET /users/{id}': {
    entry: 'http/get-user.ts',
    access: 'admin',
    summary: 'An account with its groups.',
    readOnly: true,
    userPoolActions: ['cognito-idp:AdminGetUser', 'cognito-idp:AdminListGroupsForUser'],
    params: userIdParams,
    response: { status: 200, description: 'The account with its groups.', body: user },
    errors: [404],
  },
  'POST /users': {
    entry: 'http/invite-user.ts',
    access: 'admin',
    summary: 'Invite a staff member or admin by email.',
    userPoolActions: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminAddUserToGroup'],
    body: inviteBody,
    response: {
      status: 201,
      description: 'Invited: Cognito emails a temporary password; `location` names the account.',
      body: user,
    },
    errors: [409],
  },
  'POST /users/{id}/disable': {
    entry: 'http/disable-user.ts',
    access: 'admin',
    summary: 'Disable an account (not your own).',
    userPoolActions: [
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminListGroupsForUser',
      'cognito-idp:AdminDisableUser',
    ],
    params: userIdParams,
    response: { status: 200, description: 'Disabled: the account can no longer sign in.', body: user },
    errors: [404, 422],
  },
  'POST /users/{id}/enable': {
    entry: 'http/enable-user.ts',
    access: 'admin',
    summary: 'Enable an account again.',
    userPoolActions: [
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminListGroupsForUser',
      'cognito-idp:AdminEnableUser',
    ],
    params: userIdParams,
    response: { status: 200, description: 'Enabled again.', body: user },
    errors: [404],
  },
  'PUT /users/{id}/groups/{group}': {
    entry: 'http/add-group.ts',
    access: 'admin',
    summary: 'Add an account to staff or admin.',
    userPoolActions: [
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminListGroupsForUser',
      'cognito-idp:AdminAddUserToGroup',
    ],
    params: userGroupParams,
    response: { status: 200, description: 'The account, now in the group.', body: user },
    errors: [404],
  },
  'DELETE /users/{id}/groups/{group}': {
    entry: 'http/remove-group.ts',
    access: 'admin',
    summary: 'Remove an account from staff or admin (not yourself from admin).',
    userPoolActions: [
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminListGroupsForUser',
      'cognito-idp:AdminRemoveUserFromGroup',
    ],
    params: userGroupParams,
    response: { status: 200, description: 'The account, no longer in the group.', body: user },
    errors: [404, 422],
  },
  'POST /users/{id}/reset-password': {
    entry: 'http/reset-password.ts',
    access: 'admin',
    summary: 'Force a password reset (Cognito emails a code).',
    userPoolActions: [
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminListGroupsForUser',
      'cognito-idp:AdminResetUserPassword',
    ],
    params: userIdParams,
    response: {
      status: 200,
      description: 'Reset: Cognito emails a code; the account must set a new password to sign in.',
      body: user,
    },
    errors: [404, 409, 422],
  },
  'POST /users/{id}/sign-out': {
    entry: 'http/sign-out-user.ts',
    access: 'admin',
    summary: 'Sign an account out everywhere (revokes refresh tokens).',
    userPoolActions: [
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminListGroupsForUser',
      'cognito-idp:AdminUserGlobalSignOut',
    ],
    params: userIdParams,
    response: {
      status: 204,
      description:
        'Signed out everywhere: refresh tokens revoked; access tokens already issued stay valid until they expire.',
    },
    errors: [404],
  },
});
