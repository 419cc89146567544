// The signed-in frame: header with the person and "Sign out", the navigation of the sections their groups may
// use, the TOTP banner where the stage requires it, and the page (or "Not allowed" for a route they may not use).
import { mayCall } from '@commerce/web-kit';
import { Link, Outlet, useMatches } from '@tanstack/react-router';
import type { JSX } from 'react';
import { NotAllowed } from '../ui/status-views.tsx';
import { useConsole, useSession } from './console.tsx';
import { NAVIGATION } from './navigation.ts';

export function Shell(): JSX.Element {
  const { signOut, config } = useConsole();
  const session = useSession();
  const matches = useMatches();
  const allowed = matches.every((m) => {
    const needs = m.staticData.needs;
    return needs === undefined || mayCall(session.groups, needs.method, needs.path);
  });
  const groups = NAVIGATION.map((g) => ({
    ...g,
    links: g.links.filter((l) => mayCall(session.groups, l.needs.method, l.needs.path)),
  })).filter((g) => g.links.length > 0);

  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          Commerce admin
        </Link>
        <span className="stage">{config.stage}</span>
        <div className="who">
          <span>{session.email}</span>
          <span className="groups">{session.groups.join(', ')}</span>
          <Link to="/account/security">Security</Link>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <nav className="site-nav" aria-label="Sections">
        {groups.map((g) => (
          <div key={g.heading} className="nav-group">
            <p className="nav-heading">{g.heading}</p>
            <ul>
              {g.links.map((l) => (
                <li key={l.to}>
                  <Link to={l.to} activeProps={{ 'aria-current': 'page', className: 'active' }}>
                    {l.label}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main id="main" tabIndex={-1}>
        {config.requireStaffMfa && !session.mfa && (
          <div className="banner" role="note">
            The API refuses staff accounts until TOTP is set up: nothing but this console&apos;s pages will
            work. <Link to="/account/security">Set up TOTP now</Link>
          </div>
        )}
        {allowed ? <Outlet /> : <NotAllowed />}
      </main>
    </div>
  );
}
