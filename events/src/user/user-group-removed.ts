import { defineEvent } from '../envelope.ts';
import { userGroupAction } from './shared.ts';

export const UserGroupRemoved = defineEvent({
  producer: 'user',
  detailType: 'user.group_removed',
  version: 1,
  description:
    'An admin removed an account from a group (staff or admin). Access tokens already issued keep the group until they expire.',
  data: userGroupAction,
});
