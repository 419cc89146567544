// Users (GET /users, admins only): staff and admin accounts, filtered by email prefix or group, page by page.
import type { components } from '@commerce/api-client';
import { mayCall, must } from '@commerce/web-kit';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent, type JSX } from 'react';
import { useSession } from '../../app/console.tsx';
import { columnsOf } from '../../ui/data-table.tsx';
import { Field } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/money.ts';
import { PagedTable } from '../../ui/paged-table.tsx';

type UserSummary = components['schemas']['UserSummary'];
type Group = 'staff' | 'admin';

const column = columnsOf<UserSummary>();
const columns = column.columns([
  column.accessor('email', {
    header: 'Email',
    cell: (i) => (
      <Link to="/users/$id" params={{ id: i.row.original.id }}>
        {i.getValue()}
      </Link>
    ),
  }),
  column.accessor((u) => [u.givenName, u.familyName].filter(Boolean).join(' '), {
    id: 'name',
    header: 'Name',
  }),
  column.accessor('status', { header: 'Status' }),
  column.accessor((u) => (u.enabled ? 'Enabled' : 'Disabled'), { id: 'enabled', header: 'Sign-in' }),
  column.accessor('createdAt', { header: 'Created', cell: (i) => formatDateTime(i.getValue()) }),
]);

export function UserList(): JSX.Element {
  const session = useSession();
  const [email, setEmail] = useState('');
  const [group, setGroup] = useState<Group | ''>('');
  const [filter, setFilter] = useState<{ email: string; group: Group | '' }>({ email: '', group: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilter({ email: email.trim(), group });
  };
  return (
    <section aria-labelledby="users-title">
      <div className="title-row">
        <h1 id="users-title">Users</h1>
        {mayCall(session.groups, 'POST', '/users') && (
          <Link to="/users/new" className="button primary">
            Invite a staff member
          </Link>
        )}
      </div>
      <form className="filters" role="search" onSubmit={submit}>
        <Field label="Email starts with">
          {(c) => <input {...c} type="search" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field label="Group">
          {(c) => (
            <select
              {...c}
              value={group}
              onChange={(e) =>
                setGroup(e.target.value === 'staff' || e.target.value === 'admin' ? e.target.value : '')
              }
            >
              <option value="">Any</option>
              <option value="staff">staff</option>
              <option value="admin">admin</option>
            </select>
          )}
        </Field>
        <button type="submit">Filter</button>
      </form>
      <PagedTable
        key={`${filter.email}|${filter.group}`}
        queryKey={['users', 'list', filter.email, filter.group]}
        load={async (client, cursor) =>
          must(
            await client.GET('/users', {
              params: {
                query: {
                  limit: 50,
                  ...(filter.email ? { email: filter.email } : {}),
                  ...(filter.group ? { group: filter.group } : {}),
                  ...cursor,
                },
              },
            }),
          )
        }
        what="users"
        caption="Accounts"
        columns={columns}
        rowId={(u) => u.id}
        empty="No accounts match."
      />
    </section>
  );
}
