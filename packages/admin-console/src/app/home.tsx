// The overview after sign-in: what each section the person may use is for. The links live in the navigation
// only, so each section has exactly one link with its name (tests find them by role and name).
import { mayCall } from '@commerce/web-kit';
import type { JSX } from 'react';
import { useSession } from './console.tsx';
import { NAVIGATION } from './navigation.ts';

export function Home(): JSX.Element {
  const session = useSession();
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">Overview</h1>
      <p>
        Signed in as {session.email} ({session.groups.join(', ')}). Choose a section in the navigation.
      </p>
      <dl className="overview">
        {NAVIGATION.map((g) => {
          const names = g.links.filter((l) => mayCall(session.groups, l.needs.method, l.needs.path));
          return names.length === 0 ? null : (
            <div key={g.heading}>
              <dt>{g.heading}</dt>
              <dd>{names.map((l) => l.label).join(' · ')}</dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
