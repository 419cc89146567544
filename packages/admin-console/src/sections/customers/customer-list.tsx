// Customers (GET /customers): newest first, page by page, each opening its profile.
import type { components } from '@commerce/api-client';
import { must } from '@commerce/web-kit';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { JSX } from 'react';
import { useConsole } from '../../app/console.tsx';
import { DataTable, columnsOf, useCursorPages } from '../../ui/data-table.tsx';
import { formatDateTime } from '../../ui/money.ts';
import { QueryView } from '../../ui/status-views.tsx';

type Customer = components['schemas']['CustomerProfile'];

const column = columnsOf<Customer>();
const columns = column.columns([
  column.accessor('email', {
    header: 'Email',
    cell: (i) => (
      <Link to="/customers/$id" params={{ id: i.row.original.id }}>
        {i.getValue()}
      </Link>
    ),
  }),
  column.accessor((c) => [c.givenName, c.familyName].filter(Boolean).join(' '), {
    id: 'name',
    header: 'Name',
  }),
  column.accessor((c) => c.segments.join(', '), { id: 'segments', header: 'Segments' }),
  column.accessor('createdAt', { header: 'Since', cell: (i) => formatDateTime(i.getValue()) }),
]);

export function CustomerList(): JSX.Element {
  const { client } = useConsole();
  const pages = useCursorPages();
  const query = useQuery({
    queryKey: ['customers', 'list', pages.cursor ?? ''],
    queryFn: async () =>
      must(
        await client.GET('/customers', {
          params: { query: { limit: 25, ...(pages.cursor ? { cursor: pages.cursor } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <section aria-labelledby="customers-title">
      <h1 id="customers-title">Customers</h1>
      <QueryView query={query} what="customers">
        {(page) => (
          <DataTable
            caption="Customers, newest first"
            data={page.items}
            columns={columns}
            rowId={(c) => c.id}
            empty="No customers yet."
            pager={pages.pagerFor(page.nextCursor, query.isFetching)}
          />
        )}
      </QueryView>
    </section>
  );
}
