// The review invitations port (domain/ports.ts) over the review service's internal `invitation` (Lambda
// Invoke under IAM; the consumers that call it name it in `invokes`, subscriptions.ts). A refusal is thrown
// as PeerRefusedError and a callee that did not answer as PeerUnavailableError: either way the event is
// retried, and lands in the DLQ if it keeps failing.
import { reviewInvitation } from '@commerce/contracts';
import { internalClient } from '@commerce/lambda-kit/internal-client';
import type { ReviewInvitations } from './domain/ports.ts';

/** Built with the consumers' notifier (at their cold start); the client finds the callee at its first call. */
export function reviewServiceInvitations(): ReviewInvitations {
  const invitation = internalClient(reviewInvitation);
  return {
    async tokenFor(orderId, correlationId) {
      const { token } = await invitation.call({ orderId, correlationId });
      return token;
    },
  };
}
