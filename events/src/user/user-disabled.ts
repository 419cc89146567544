import { defineEvent } from '../envelope.ts';
import { userAction } from './shared.ts';

export const UserDisabled = defineEvent({
  producer: 'user',
  detailType: 'user.disabled',
  version: 1,
  description:
    'An admin disabled an account: it can no longer sign in or refresh its tokens. Access tokens already issued stay valid until they expire.',
  data: userAction,
});
