// The pages of a person the console cannot serve yet: signed out (a "Sign in" button to Cognito's hosted
// sign-in), signed in without the staff or admin group, and the OIDC callback that finishes a sign-in.
import { useEffect, useState, type JSX } from 'react';
import { useConsole, type SignInState, type UserManager } from './console.tsx';

function Brand() {
  return (
    <header className="site-header">
      <p className="brand">Commerce admin</p>
    </header>
  );
}

export function SignInPage(): JSX.Element {
  const { signIn, config } = useConsole();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Brand />
      <main id="main" className="gate">
        <h1>Sign in</h1>
        <p>The admin console is for staff and admins of the shop ({config.stage}).</p>
        <button
          type="button"
          className="primary"
          onClick={() =>
            void signIn().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
          }
        >
          Sign in
        </button>
        {error && (
          <p role="alert" className="alert alert-error">
            Could not start the sign-in: {error}
          </p>
        )}
      </main>
    </>
  );
}

export function NoStaffAccess({ email }: { email: string }): JSX.Element {
  const { signOut } = useConsole();
  return (
    <>
      <Brand />
      <main id="main" className="gate">
        <h1>This account has no staff access</h1>
        <p>
          You are signed in as {email}, which is not in the staff or admin group. Sign out and sign in with a
          staff account, or ask an admin to add you.
        </p>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </main>
    </>
  );
}

// The authorization code can be redeemed once; React's strict mode runs effects twice, so both runs share it.
let pendingCallback: ReturnType<UserManager['signinRedirectCallback']> | undefined;

export function AuthCallback(): JSX.Element {
  const { userManager } = useConsole();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    pendingCallback ??= userManager.signinRedirectCallback();
    pendingCallback
      .then((user) => {
        const state = user.state as SignInState | undefined;
        const target =
          state?.returnTo?.startsWith('/') && !state.returnTo.startsWith('//') ? state.returnTo : '/';
        window.location.replace(target === '/auth/callback' ? '/' : target);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [userManager]);
  return (
    <>
      <Brand />
      <main id="main" className="gate">
        <h1>Signing in</h1>
        {error ? (
          <div role="alert" className="alert alert-error">
            <p>The sign-in could not be finished: {error}</p>
            <a href="/">Start again</a>
          </div>
        ) : (
          <p role="status">Finishing the sign-in…</p>
        )}
      </main>
    </>
  );
}
