// One account (GET /users/{id}, admins only): disable or enable sign-in, add to or remove from staff and admin,
// reset the password and end all sessions. The API refuses an admin locking themselves out (422 self-lockout).
import type { components } from '@commerce/api-client';
import { must } from '@commerce/web-kit';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, getRouteApi } from '@tanstack/react-router';
import { useState, type JSX } from 'react';
import { useConsole, useSession } from '../../app/console.tsx';
import { DetailPage } from '../../ui/detail-page.tsx';
import { formatDateTime } from '../../ui/money.ts';
import { errorText } from '../../ui/status-views.tsx';

type User = components['schemas']['User'];
type Group = 'staff' | 'admin';
const GROUPS: readonly Group[] = ['staff', 'admin'];
const routeApi = getRouteApi('/users/$id');

export function UserDetail(): JSX.Element {
  const { id } = routeApi.useParams();
  return (
    <DetailPage
      titleId="user-title"
      crumb={<Link to="/users">User list</Link>}
      noun="account"
      id={id}
      queryKey={['users', 'one', id]}
      load={async (client) => must(await client.GET('/users/{id}', { params: { path: { id } } }))}
    >
      {(user) => <UserView user={user} />}
    </DetailPage>
  );
}

type Action =
  | { kind: 'disable' | 'enable' | 'reset-password' | 'sign-out' }
  | { kind: 'add-group' | 'remove-group'; group: Group };

function UserView({ user }: { user: User }) {
  const { client } = useConsole();
  const session = useSession();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const path = { params: { path: { id: user.id } } };

  const act = useMutation({
    mutationFn: async (action: Action): Promise<{ user?: User; message: string }> => {
      switch (action.kind) {
        case 'disable':
          return { user: must(await client.POST('/users/{id}/disable', path)), message: 'Sign-in disabled.' };
        case 'enable':
          return { user: must(await client.POST('/users/{id}/enable', path)), message: 'Sign-in enabled.' };
        case 'reset-password':
          return {
            user: must(await client.POST('/users/{id}/reset-password', path)),
            message: 'Password reset: they must set a new one with the emailed code.',
          };
        case 'sign-out':
          must(await client.POST('/users/{id}/sign-out', path));
          return { message: 'Signed out everywhere: no new tokens; current ones last up to 15 minutes.' };
        case 'add-group':
        case 'remove-group': {
          const params = { params: { path: { id: user.id, group: action.group } } };
          const next =
            action.kind === 'add-group'
              ? must(await client.PUT('/users/{id}/groups/{group}', params))
              : must(await client.DELETE('/users/{id}/groups/{group}', params));
          return {
            user: next,
            message: `${action.kind === 'add-group' ? 'Added to' : 'Removed from'} ${action.group}.`,
          };
        }
      }
    },
    onMutate: () => setDone(null),
    onSuccess: async (result) => {
      setDone(result.message);
      if (result.user) queryClient.setQueryData(['users', 'one', user.id], result.user);
      await queryClient.invalidateQueries({ queryKey: ['users', 'list'] });
    },
  });
  const busy = act.isPending;
  const self = user.id === session.sub;

  return (
    <>
      <h1 id="user-title">{user.email}</h1>
      <dl className="facts">
        <div>
          <dt>Name</dt>
          <dd>{[user.givenName, user.familyName].filter(Boolean).join(' ') || '—'}</dd>
        </div>
        <div>
          <dt>Sign-in</dt>
          <dd>{user.enabled ? 'Enabled' : 'Disabled'}</dd>
        </div>
        <div>
          <dt>Account status</dt>
          <dd>{user.status}</dd>
        </div>
        <div>
          <dt>Groups</dt>
          <dd>{user.groups.join(', ') || 'none'}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatDateTime(user.createdAt)}</dd>
        </div>
      </dl>
      {self && <p className="hint">This is your own account: you cannot disable it or leave admin.</p>}
      <p role="status" className="saved">
        {done}
      </p>
      {act.isError && (
        <p role="alert" className="alert alert-error">
          {errorText(act.error)}
        </p>
      )}

      <section aria-labelledby="groups-title" className="panel">
        <h2 id="groups-title">Groups</h2>
        <div className="actions">
          {GROUPS.map((group) => {
            const member = user.groups.includes(group);
            return (
              <button
                key={group}
                type="button"
                disabled={busy}
                onClick={() => act.mutate({ kind: member ? 'remove-group' : 'add-group', group })}
              >
                {member ? 'Remove from' : 'Add to'} {group}
              </button>
            );
          })}
        </div>
      </section>

      <section aria-labelledby="access-title" className="panel">
        <h2 id="access-title">Access</h2>
        <div className="actions">
          {user.enabled ? (
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => act.mutate({ kind: 'disable' })}
            >
              Disable sign-in
            </button>
          ) : (
            <button type="button" disabled={busy} onClick={() => act.mutate({ kind: 'enable' })}>
              Enable sign-in
            </button>
          )}
          <button type="button" disabled={busy} onClick={() => act.mutate({ kind: 'reset-password' })}>
            Reset password
          </button>
          <button type="button" disabled={busy} onClick={() => act.mutate({ kind: 'sign-out' })}>
            End all sessions
          </button>
        </div>
      </section>
    </>
  );
}
