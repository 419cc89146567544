import { defineEvent } from '../envelope.ts';
import { userGroupAction } from './shared.ts';

export const UserGroupAdded = defineEvent({
  producer: 'user',
  detailType: 'user.group_added',
  version: 1,
  description:
    'An admin added an account to a group (staff or admin). The rights apply to tokens issued from now on.',
  data: userGroupAction,
});
