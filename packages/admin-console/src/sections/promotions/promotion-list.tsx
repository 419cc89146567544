// Promotions (GET /promotions): newest first, optionally of one status, page by page; each name opens the
// promotion's page, and "New promotion" the empty form.
import { mayCall, must } from '@commerce/web-kit';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import type { JSX } from 'react';
import { useSession } from '../../app/console.tsx';
import { columnsOf } from '../../ui/data-table.tsx';
import { Field } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/money.ts';
import { PagedTable } from '../../ui/paged-table.tsx';
import { StatusOptions } from './promotion-inputs.tsx';
import { PROMOTION_STATUSES, statusLabel, triggerLabel } from './promotion-status.ts';
import type { Promotion } from './promotion-values.ts';

const routeApi = getRouteApi('/promotions');

/** "from 1 Jun, 10:00 until 30 Jun, 00:00", "from …", "until …" or "always". */
function scheduleText(p: Promotion): string {
  const parts = [
    p.startsAt ? `from ${formatDateTime(p.startsAt)}` : '',
    p.endsAt ? `until ${formatDateTime(p.endsAt)}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : 'Always';
}

const column = columnsOf<Promotion>();
const columns = column.columns([
  column.accessor('name', {
    header: 'Name',
    cell: (i) => (
      <Link to="/promotions/$id" params={{ id: i.row.original.id }}>
        {i.getValue()}
      </Link>
    ),
  }),
  column.accessor('status', { header: 'Status', cell: (i) => statusLabel(i.getValue()) }),
  column.accessor('trigger', { header: 'Trigger', cell: (i) => triggerLabel(i.getValue()) }),
  column.accessor('priority', { header: 'Priority' }),
  column.accessor((p) => scheduleText(p), { id: 'schedule', header: 'Schedule' }),
  column.accessor((p) => (p.codes.length > 0 ? p.codes.join(', ') : '—'), { id: 'codes', header: 'Codes' }),
]);

export function PromotionList(): JSX.Element {
  const { status } = routeApi.useSearch();
  const navigate = useNavigate();
  const session = useSession();
  return (
    <section aria-labelledby="promotions-title">
      <div className="title-row">
        <h1 id="promotions-title">Promotions</h1>
        {mayCall(session.groups, 'POST', '/promotions') && (
          <Link to="/promotions/new" className="button primary">
            New promotion
          </Link>
        )}
      </div>
      <div className="filters">
        <Field label="Status">
          {(c) => (
            <select
              {...c}
              value={status ?? ''}
              onChange={(e) => {
                const next = PROMOTION_STATUSES.find((s) => s === e.target.value);
                void navigate({ to: '/promotions', search: next ? { status: next } : {} });
              }}
            >
              <option value="">All statuses</option>
              <StatusOptions />
            </select>
          )}
        </Field>
      </div>
      <PagedTable
        key={status ?? ''}
        queryKey={['promotions', 'list', status ?? '']}
        load={async (client, cursor) =>
          must(
            await client.GET('/promotions', {
              params: { query: { limit: 25, ...(status ? { status } : {}), ...cursor } },
            }),
          )
        }
        what="promotions"
        caption={status ? `${statusLabel(status)} promotions` : 'All promotions'}
        columns={columns}
        rowId={(p) => p.id}
        empty="No promotions match."
      />
    </section>
  );
}
