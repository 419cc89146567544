// The guard of the /account pages: their content for a signed-in customer, else the page's heading and where
// to sign in (the header's "Sign in", which comes back to the same page afterwards).
import type { ReactNode } from 'react';
import { useSession } from '../shop.tsx';

export function SignedInOnly({ title, children }: { title: string; children: ReactNode }) {
  const session = useSession();
  if (session) return children;
  return (
    <>
      <h1>{title}</h1>
      <p>Sign in (at the top of the page) to see your account and your orders.</p>
    </>
  );
}
