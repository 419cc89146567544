// Zero-result queries (GET /search/zero-results): the normalized queries whose first page found nothing, most
// frequent first; what a synonym or a merchandising rule above could answer.
import type { components } from '@commerce/api-client';
import { must } from '@commerce/web-kit';
import { useQuery } from '@tanstack/react-query';
import type { JSX } from 'react';
import { useConsole } from '../../app/console.tsx';
import { DataTable, columnsOf } from '../../ui/data-table.tsx';
import { formatDateTime } from '../../ui/money.ts';
import { QueryView } from '../../ui/status-views.tsx';

type ZeroResult = components['schemas']['ZeroResultsResponse']['items'][number];

const QUERIES_SHOWN = 100;

const column = columnsOf<ZeroResult>();
const columns = column.columns([
  column.accessor('query', { header: 'Query' }),
  column.accessor('count', { header: 'Count' }),
  column.accessor('lastAt', { header: 'Last seen', cell: (i) => formatDateTime(i.getValue()) }),
]);

export function ZeroResultQueries(): JSX.Element {
  const { client } = useConsole();
  const query = useQuery({
    queryKey: ['search', 'zero-results', QUERIES_SHOWN],
    queryFn: async () =>
      must(await client.GET('/search/zero-results', { params: { query: { limit: QUERIES_SHOWN } } })).items,
  });
  return (
    <section aria-labelledby="zero-results-title" className="panel">
      <div className="title-row">
        <h2 id="zero-results-title">Zero-result queries</h2>
        <button type="button" disabled={query.isFetching} onClick={() => void query.refetch()}>
          Refresh queries
        </button>
      </div>
      <p className="hint">
        The {QUERIES_SHOWN} most frequent searches that found nothing, as normalized for matching.
      </p>
      <QueryView query={query} what="zero-result queries">
        {(items) => (
          <DataTable
            caption="Searches that found nothing"
            data={items}
            columns={columns}
            rowId={(z) => z.query}
            empty="No search has come back empty."
          />
        )}
      </QueryView>
    </section>
  );
}
