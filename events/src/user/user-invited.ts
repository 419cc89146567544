import { defineEvent } from '../envelope.ts';
import { userGroupAction } from './shared.ts';

export const UserInvited = defineEvent({
  producer: 'user',
  detailType: 'user.invited',
  version: 1,
  description:
    'An admin invited a staff member by email: the account exists with a temporary password (sent by Cognito) and is in `group`.',
  data: userGroupAction,
});
