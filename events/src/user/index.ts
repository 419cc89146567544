// The user events of the catalog, each named once (one module per event), and the schemas they share.
export { UserDisabled } from './user-disabled.ts';
export { UserEnabled } from './user-enabled.ts';
export { UserGroupAdded } from './user-group-added.ts';
export { UserGroupRemoved } from './user-group-removed.ts';
export { UserInvited } from './user-invited.ts';
export { UserPasswordReset } from './user-password-reset.ts';
export { UserSignedOut } from './user-signed-out.ts';
export { userGroupSchema } from './shared.ts';
