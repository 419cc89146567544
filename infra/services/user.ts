// Wiring of the user service: staff account administration on the Cognito user pool, with an audit log.
import {
  UserDisabled,
  UserEnabled,
  UserGroupAdded,
  UserGroupRemoved,
  UserInvited,
  UserPasswordReset,
  UserSignedOut,
} from '@commerce/events';
import type { ServiceDefinition } from '../constructs/service-definition.ts';
import { userRoutes } from './user.routes.ts';

export const userService: ServiceDefinition = {
  name: 'user',
  description: 'Staff accounts: invitations, groups, disabling, password resets and sign-outs, audited.',
  routes: userRoutes,
  subscriptions: [],
  publishes: [
    UserInvited,
    UserDisabled,
    UserEnabled,
    UserGroupAdded,
    UserGroupRemoved,
    UserPasswordReset,
    UserSignedOut,
  ],
};
