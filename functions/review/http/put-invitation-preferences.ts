// PUT /review-invitations/{token}/preferences (public, the signed link is the credential): review requests
// for the guest's order on or off.
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { httpRoute } from '@commerce/lambda-kit/http';
import { openInvitation } from '../invitations.ts';
import { reviewRoutes } from '../routes.ts';
import { requests } from '../runtime.ts';

export const handler = httpRoute({
  ...reviewRoutes['PUT /review-invitations/{token}/preferences'],
  handler: async ({ params, body }) => {
    const { orderId } = openInvitation(params.token, await cursors());
    return { status: 200, body: await requests.setRequestEmails(`guest:${orderId}`, body.requestEmails) };
  },
});
