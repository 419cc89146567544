// The user service: staff account administration on the Cognito user pool, with an audit log.
import {
  UserDisabled,
  UserEnabled,
  UserGroupAdded,
  UserGroupRemoved,
  UserInvited,
  UserPasswordReset,
  UserSignedOut,
} from '@commerce/events';
import { defineService } from '@commerce/lambda-kit/service';
import { userRoutes } from './routes.ts';

export const userService = defineService({
  name: 'user',
  description: 'Staff accounts: invitations, groups, disabling, password resets and sign-outs, audited.',
  routes: userRoutes,
  publishes: [
    UserInvited,
    UserDisabled,
    UserEnabled,
    UserGroupAdded,
    UserGroupRemoved,
    UserPasswordReset,
    UserSignedOut,
  ],
});
