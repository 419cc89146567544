import { defineEvent } from '../envelope.ts';
import { userAction } from './shared.ts';

export const UserSignedOut = defineEvent({
  producer: 'user',
  detailType: 'user.signed_out',
  version: 1,
  description:
    'An admin signed an account out everywhere: its refresh tokens are revoked. Access tokens already issued stay valid until they expire (the API verifies them offline).',
  data: userAction,
});
