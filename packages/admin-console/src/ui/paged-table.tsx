// A list the API serves page by page with cursors (products, customers, users, orders): one page read at a
// time, the last page kept on screen while the next loads, and "Previous/Next page" under the table.
import type { CommerceClient } from '@commerce/web-kit';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RowData } from '@tanstack/react-table';
import type { JSX } from 'react';
import { useConsole } from '../app/console.tsx';
import { DataTable, useCursorPages, type Columns } from './data-table.tsx';
import { QueryView } from './status-views.tsx';

/** The `cursor` query parameter of the page to read: absent for the first page. */
export type CursorQuery = { cursor: string } | Record<never, never>;

/**
 * Reads and shows the pages of a list; a new `key` (a changed filter) starts again at page 1. The page's
 * query key is `queryKey` plus the cursor, so the list's own key prefix (`['orders', 'list']`) refreshes it.
 */
export function PagedTable<T extends RowData>(props: {
  queryKey: readonly unknown[];
  /** Reads one page, with `cursor` spread into the request's query parameters. */
  load: (client: CommerceClient, cursor: CursorQuery) => Promise<{ items: T[]; nextCursor?: string }>;
  /** For the loading and error views: "Loading orders…". */
  what: string;
  caption: string;
  columns: Columns<T>;
  rowId: (row: T) => string;
  empty: string;
}): JSX.Element {
  const { client } = useConsole();
  const pages = useCursorPages();
  const query = useQuery({
    queryKey: [...props.queryKey, pages.cursor ?? ''],
    queryFn: () => props.load(client, pages.cursor ? { cursor: pages.cursor } : {}),
    placeholderData: keepPreviousData,
  });
  return (
    <QueryView query={query} what={props.what}>
      {(page) => (
        <DataTable
          caption={props.caption}
          data={page.items}
          columns={props.columns}
          rowId={props.rowId}
          empty={props.empty}
          pager={pages.pagerFor(page.nextCursor, query.isFetching)}
        />
      )}
    </QueryView>
  );
}
