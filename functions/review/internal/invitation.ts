// Internal `invitation` (contract: reviewInvitation in @commerce/contracts): a guest buyer's signed token to
// review what their order delivered, for the emails notifications sends them (invitations.ts).
import { reviewInvitation } from '@commerce/contracts';
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { invitationFor } from '../invitations.ts';

export const handler = internalFunction(reviewInvitation, async ({ orderId }) =>
  invitationFor(orderId, await cursors()),
);
