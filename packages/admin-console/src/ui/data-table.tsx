// Every list in the console: a TanStack Table (v9) rendered as a captioned HTML table that scrolls sideways
// on a phone, with the API's cursor pagination under it.
import {
  createColumnHelper,
  tableFeatures,
  useTable,
  type ColumnHelper,
  type RowData,
} from '@tanstack/react-table';
import { useState } from 'react';

const features = tableFeatures({});
type Features = typeof features;

/** The column helper of a list of T: `columnsOf<Order>().accessor('number', { header: 'Number' })`. */
export function columnsOf<T extends RowData>(): ColumnHelper<Features, T> {
  return createColumnHelper<Features, T>();
}

export type Columns<T extends RowData> = ReturnType<ColumnHelper<Features, T>['columns']>;

export interface Pager {
  readonly page: number;
  readonly hasNext: boolean;
  readonly next: () => void;
  readonly previous: () => void;
  readonly busy: boolean;
}

export function DataTable<T extends RowData>(props: {
  caption: string;
  data: readonly T[];
  columns: Columns<T>;
  rowId: (row: T) => string;
  empty?: string;
  pager?: Pager;
}) {
  const table = useTable({
    features,
    columns: props.columns,
    data: props.data,
    getRowId: (row) => props.rowId(row),
  });
  const rows = table.getRowModel().rows;
  return (
    <div className="data-table">
      {/* A keyboard user must be able to focus the box to scroll a wide table sideways on a phone. */}
      <div className="table-scroll" role="region" aria-label={props.caption} tabIndex={0}>
        <table>
          <caption>{props.caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th key={header.id} scope="col">
                    {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p className="empty">{props.empty ?? 'Nothing here yet.'}</p>}
      {props.pager && <PagerNav pager={props.pager} label={props.caption} />}
    </div>
  );
}

function PagerNav({ pager, label }: { pager: Pager; label: string }) {
  if (pager.page === 1 && !pager.hasNext) return null;
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" onClick={pager.previous} disabled={pager.page === 1 || pager.busy}>
        Previous page
      </button>
      <span>Page {pager.page}</span>
      <button type="button" onClick={pager.next} disabled={!pager.hasNext || pager.busy}>
        Next page
      </button>
    </nav>
  );
}

/**
 * The cursors of the pages read so far, so "Previous page" goes back without the API offering backward
 * cursors. `nextCursor` is the one the current page answered with.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<readonly (string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  return {
    cursor,
    pagerFor(nextCursor: string | undefined, busy: boolean): Pager {
      return {
        page: cursors.length,
        hasNext: nextCursor !== undefined,
        busy,
        next: () => {
          if (nextCursor !== undefined) setCursors((c) => [...c, nextCursor]);
        },
        previous: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
      };
    },
  };
}
