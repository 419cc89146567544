// Orders (GET /orders): newest first, filtered by status, or found by order number or email, page by page.
import type { components } from '@commerce/api-client';
import { must } from '@commerce/web-kit';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent, type JSX } from 'react';
import { columnsOf } from '../../ui/data-table.tsx';
import { Field } from '../../ui/field.tsx';
import { formatDateTime, formatMoney } from '../../ui/money.ts';
import { PagedTable } from '../../ui/paged-table.tsx';
import { ORDER_STATUSES, statusLabel, type OrderStatus } from './order-status.ts';

type Order = components['schemas']['Order'];
const routeApi = getRouteApi('/orders');

const column = columnsOf<Order>();
const columns = column.columns([
  column.accessor('number', {
    header: 'Number',
    cell: (i) => (
      <Link to="/orders/$id" params={{ id: i.row.original.id }}>
        {i.getValue()}
      </Link>
    ),
  }),
  column.accessor('createdAt', { header: 'Placed', cell: (i) => formatDateTime(i.getValue()) }),
  column.accessor('email', { header: 'Email' }),
  column.accessor('status', { header: 'Status', cell: (i) => statusLabel(i.getValue()) }),
  column.accessor((o) => formatMoney(o.totals.grandTotal, o.currency), { id: 'total', header: 'Total' }),
]);

/** What the one search field means to the API: an email has an @, anything else is an order number. */
function searchQuery(q: string | undefined): { email?: string; number?: string } {
  if (!q) return {};
  return q.includes('@') ? { email: q } : { number: q.toUpperCase() };
}

export function OrderList(): JSX.Element {
  const search = routeApi.useSearch();
  const navigate = useNavigate();
  const [status, setStatus] = useState<OrderStatus | ''>(search.status ?? '');
  const [q, setQ] = useState(search.q ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void navigate({
      to: '/orders',
      search: { ...(status ? { status } : {}), ...(q.trim() ? { q: q.trim() } : {}) },
    });
  };
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">Orders</h1>
      <form className="filters" role="search" onSubmit={submit}>
        <Field label="Status">
          {(c) => (
            <select
              {...c}
              value={status}
              onChange={(e) => setStatus(ORDER_STATUSES.find((s) => s === e.target.value) ?? '')}
            >
              <option value="">All statuses</option>
              {ORDER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Order number or email" hint="The exact number (CM-2026-000001) or email address.">
          {(c) => (
            <input {...c} type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
          )}
        </Field>
        <button type="submit">Search</button>
      </form>
      <PagedTable
        key={`${search.status ?? ''}|${search.q ?? ''}`}
        queryKey={['orders', 'list', search.status ?? '', search.q ?? '']}
        load={async (client, cursor) =>
          must(
            await client.GET('/orders', {
              params: {
                query: {
                  limit: 25,
                  ...(search.status ? { status: search.status } : {}),
                  ...searchQuery(search.q),
                  ...cursor,
                },
              },
            }),
          )
        }
        what="orders"
        caption={
          search.q
            ? `Orders matching ${search.q}`
            : search.status
              ? `${statusLabel(search.status)} orders`
              : 'All orders'
        }
        columns={columns}
        rowId={(o) => o.id}
        empty="No orders match."
      />
    </section>
  );
}
