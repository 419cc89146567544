import { defineEvent } from '../envelope.ts';
import { userAction } from './shared.ts';

export const UserPasswordReset = defineEvent({
  producer: 'user',
  detailType: 'user.password_reset',
  version: 1,
  description:
    'An admin forced a password reset: the account must set a new password with the code Cognito emailed before it can sign in.',
  data: userAction,
});
