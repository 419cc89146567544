// Customers (GET /customers): newest first, page by page, each opening its profile.
import type { components } from '@commerce/api-client';
import { must } from '@commerce/web-kit';
import { Link } from '@tanstack/react-router';
import type { JSX } from 'react';
import { columnsOf } from '../../ui/data-table.tsx';
import { formatDateTime } from '../../ui/money.ts';
import { PagedTable } from '../../ui/paged-table.tsx';

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
  return (
    <section aria-labelledby="customers-title">
      <h1 id="customers-title">Customers</h1>
      <PagedTable
        queryKey={['customers', 'list']}
        load={async (client, cursor) =>
          must(await client.GET('/customers', { params: { query: { limit: 25, ...cursor } } }))
        }
        what="customers"
        caption="Customers, newest first"
        columns={columns}
        rowId={(c) => c.id}
        empty="No customers yet."
      />
    </section>
  );
}
