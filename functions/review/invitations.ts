// A guest buyer's review link: a token naming their order and when it expires, signed with the stage's
// signing key under a scope of its own (a pagination cursor cannot pass for one, nor one for a cursor). Whoever
// holds the link is the guest buyer of that order: the email it was sent to is what proves it.
import { NotFoundError, ValidationError } from '@commerce/lambda-kit/errors';
import type { CursorCodec } from '@commerce/lambda-kit/pagination';

const SCOPE = 'review-invitation';
/** How long a link works after it was made. */
export const INVITATION_DAYS = 90;

export function invitationFor(
  orderId: string,
  codec: CursorCodec,
  now: Date = new Date(),
): { token: string; expiresAt: string } {
  const expires = Math.floor(now.getTime() / 1000) + INVITATION_DAYS * 86_400;
  const token = codec.encode({ o: orderId, e: expires }, SCOPE);
  if (!token) throw new Error('An invitation token could not be made');
  return { token, expiresAt: new Date(expires * 1000).toISOString() };
}

/** The order a guest's link names; 404 for one we did not sign or that expired. */
export function openInvitation(
  token: string,
  codec: CursorCodec,
  now: Date = new Date(),
): { orderId: string; expiresAt: string } {
  const invalid = () => new NotFoundError('This review link is not valid or has expired.');
  let key;
  try {
    key = codec.decode(token, SCOPE);
  } catch (error) {
    if (error instanceof ValidationError) throw invalid();
    throw error;
  }
  const { o, e } = key ?? {};
  if (typeof o !== 'string' || typeof e !== 'number' || e * 1000 <= now.getTime()) throw invalid();
  return { orderId: o, expiresAt: new Date(e * 1000).toISOString() };
}
