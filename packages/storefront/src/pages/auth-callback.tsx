// Where Cognito's hosted sign-in returns (/auth/callback): finish the code flow, fold the guest's cart into
// the customer's, and go back to where the shopper was.
import { ApiProblem, must, type CommerceClient } from '@commerce/web-kit';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import type { UserManager } from 'oidc-client-ts';
import { useEffect, useState } from 'react';
import { guestCart } from '../cart.ts';
import { useShop, type SignInState } from '../shop.tsx';
import { errorText } from '../status.tsx';

/** A path of this app, never another origin (`//evil.example`), so the state cannot redirect away. */
function safeReturnPath(state: unknown): string {
  const returnTo = (state as Partial<SignInState> | null | undefined)?.returnTo;
  if (typeof returnTo !== 'string' || !returnTo.startsWith('/') || returnTo.startsWith('//')) return '/';
  return returnTo.startsWith('/auth/') ? '/' : returnTo;
}

async function mergeGuestCart(api: CommerceClient): Promise<void> {
  const guest = guestCart.get();
  if (!guest) return;
  try {
    must(await api.POST('/me/cart/merge', { body: { cartId: guest.id, secret: guest.secret } }));
    guestCart.clear();
  } catch (error) {
    // The guest cart expired or was checked out: nothing to fold in. Anything else: try on the next sign-in.
    if (error instanceof ApiProblem && error.problem.status === 404) guestCart.clear();
    else throw error;
  }
}

// The code can be redeemed once; React's strict mode runs effects twice in development.
let completing: Promise<string> | undefined;

function completeSignIn(userManager: UserManager, api: CommerceClient): Promise<string> {
  completing ??= userManager.signinRedirectCallback().then(async (user) => {
    await mergeGuestCart(api).catch(() => undefined);
    return safeReturnPath(user.state);
  });
  return completing;
}

export function AuthCallbackPage() {
  const { userManager, api } = useShop();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    completeSignIn(userManager, api)
      .then(async (returnTo) => {
        await queries.invalidateQueries({ queryKey: ['cart'] });
        await navigate({ href: returnTo, replace: true });
      })
      .catch((error: unknown) => {
        completing = undefined;
        setFailure(error);
      });
  }, [userManager, api, queries, navigate]);

  if (failure) {
    return (
      <>
        <h1>Sign-in did not complete</h1>
        <p className="alert" role="alert">
          {errorText(failure)}
        </p>
        <p>
          <Link to="/">Back to the shop</Link>
        </p>
      </>
    );
  }
  return (
    <p className="status" role="status">
      Signing you in…
    </p>
  );
}
