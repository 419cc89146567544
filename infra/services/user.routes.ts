// The user service's routes: staff account administration, for admins only (plain data, see
// catalog.routes.ts). `userPoolActions` lists exactly the Cognito calls each handler makes.
import type { RouteDefinition } from '../constructs/service-definition.ts';

const dir = 'functions/user/http';

/** Reading one account: the user and its groups (every action on an account starts with this). */
const readAccount = ['cognito-idp:AdminGetUser', 'cognito-idp:AdminListGroupsForUser'] as const;

export const userRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/users',
    access: 'admin',
    handler: `${dir}/list-users.ts`,
    summary: 'Accounts, by email prefix or group.',
    paginates: true,
    readOnly: true,
    userPoolActions: ['cognito-idp:ListUsers', 'cognito-idp:ListUsersInGroup'],
  },
  {
    method: 'GET',
    path: '/users/{id}',
    access: 'admin',
    handler: `${dir}/get-user.ts`,
    summary: 'An account with its groups.',
    readOnly: true,
    userPoolActions: [...readAccount],
  },
  {
    method: 'POST',
    path: '/users',
    access: 'admin',
    handler: `${dir}/invite-user.ts`,
    summary: 'Invite a staff member or admin by email.',
    userPoolActions: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminAddUserToGroup'],
  },
  {
    method: 'POST',
    path: '/users/{id}/disable',
    access: 'admin',
    handler: `${dir}/disable-user.ts`,
    summary: 'Disable an account (not your own).',
    userPoolActions: [...readAccount, 'cognito-idp:AdminDisableUser'],
  },
  {
    method: 'POST',
    path: '/users/{id}/enable',
    access: 'admin',
    handler: `${dir}/enable-user.ts`,
    summary: 'Enable an account again.',
    userPoolActions: [...readAccount, 'cognito-idp:AdminEnableUser'],
  },
  {
    method: 'PUT',
    path: '/users/{id}/groups/{group}',
    access: 'admin',
    handler: `${dir}/add-group.ts`,
    summary: 'Add an account to staff or admin.',
    userPoolActions: [...readAccount, 'cognito-idp:AdminAddUserToGroup'],
  },
  {
    method: 'DELETE',
    path: '/users/{id}/groups/{group}',
    access: 'admin',
    handler: `${dir}/remove-group.ts`,
    summary: 'Remove an account from staff or admin (not yourself from admin).',
    userPoolActions: [...readAccount, 'cognito-idp:AdminRemoveUserFromGroup'],
  },
  {
    method: 'POST',
    path: '/users/{id}/reset-password',
    access: 'admin',
    handler: `${dir}/reset-password.ts`,
    summary: 'Force a password reset (Cognito emails a code).',
    userPoolActions: [...readAccount, 'cognito-idp:AdminResetUserPassword'],
  },
  {
    method: 'POST',
    path: '/users/{id}/sign-out',
    access: 'admin',
    handler: `${dir}/sign-out-user.ts`,
    summary: 'Sign an account out everywhere (revokes refresh tokens).',
    userPoolActions: [...readAccount, 'cognito-idp:AdminUserGlobalSignOut'],
  },
];
