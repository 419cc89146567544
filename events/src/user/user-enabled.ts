import { defineEvent } from '../envelope.ts';
import { userAction } from './shared.ts';

export const UserEnabled = defineEvent({
  producer: 'user',
  detailType: 'user.enabled',
  version: 1,
  description: 'An admin enabled an account again: it can sign in.',
  data: userAction,
});
