// The search results (/search?q=…): the count said politely as it changes, the filters from the facets, the
// sort, the product cards and the next page by the API's cursor. All of it reads from the URL.
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useId, useRef } from 'react';
import { useProductSearch, type SearchAnswer } from '../search-data.ts';
import { Facets } from '../search-facets.tsx';
import { HitGrid } from '../search-hits.tsx';
import { hasFilters, SORTS, type SearchParams, type SearchSort } from '../search-params.ts';
import { LoadError, Loading } from '../status.tsx';

const SORT_LABELS: Record<SearchSort, string> = {
  relevance: 'Relevance',
  'price-asc': 'Price: low to high',
  'price-desc': 'Price: high to low',
  newest: 'Newest',
  rating: 'Top rated',
};

function countText(answer: SearchAnswer, q: string | undefined): string {
  if (answer.total === 0) return q ? `No products found for “${q}”.` : 'No products found.';
  const count = answer.total.toLocaleString('en');
  if (!answer.totalIsExact) return `More than ${count} products`;
  return answer.total === 1 ? '1 product' : `${count} products`;
}

function SortChooser({ sort }: { sort: SearchSort }) {
  const id = useId();
  const navigate = useNavigate({ from: '/search' });
  return (
    <div className="field sort">
      <label htmlFor={id}>Sort by</label>
      <select
        id={id}
        value={sort}
        onChange={(event) => {
          const next = SORTS.find((s) => s === event.target.value);
          void navigate({
            search: (prev) => ({ ...prev, sort: next === 'relevance' ? undefined : next, cursor: undefined }),
            resetScroll: false,
          });
        }}
      >
        {SORTS.map((s) => (
          <option key={s} value={s}>
            {SORT_LABELS[s]}
          </option>
        ))}
      </select>
    </div>
  );
}

function NoResults({ params }: { params: SearchParams }) {
  return hasFilters(params) ? (
    <p>
      Fewer filters may find more:{' '}
      <Link to="/search" search={{ q: params.q, sort: params.sort }}>
        clear all filters
      </Link>
      .
    </p>
  ) : (
    <p>Check the spelling, or try fewer or other words.</p>
  );
}

function Pager({ params, next, onTurn }: { params: SearchParams; next?: string; onTurn: () => void }) {
  if (!params.cursor && !next) return null;
  return (
    <nav aria-label="Result pages" className="pager">
      {params.cursor && (
        <Link
          from="/search"
          to="/search"
          search={(prev) => ({ ...prev, cursor: undefined })}
          onClick={onTurn}
        >
          First page
        </Link>
      )}
      {next && (
        <Link from="/search" to="/search" search={(prev) => ({ ...prev, cursor: next })} onClick={onTurn}>
          Next page
        </Link>
      )}
    </nav>
  );
}

export function SearchPage() {
  const params = useSearch({ from: '/search' });
  const results = useProductSearch(params);
  const heading = useRef<HTMLHeadingElement>(null);
  const answer = results.data;
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {params.q ? `Results for “${params.q}”` : hasFilters(params) ? 'Products' : 'All products'}
      </h1>
      {/* Always present, so a screen reader hears each new count (and "no products") as it arrives. */}
      <p className="result-count" aria-live="polite">
        {answer && !results.isError ? countText(answer, params.q) : ''}
      </p>
      {results.isPending && <Loading what="results" />}
      {results.isError && (
        <>
          <LoadError what="the results" error={results.error} retry={() => void results.refetch()} />
          {params.cursor && (
            <p>
              <Link from="/search" to="/search" search={(prev) => ({ ...prev, cursor: undefined })}>
                Back to the first page
              </Link>
            </p>
          )}
        </>
      )}
      {answer && !results.isError && (
        <div className="search-layout" aria-busy={results.isPlaceholderData}>
          <section aria-label="Filters" className="filters">
            <h2>Filters</h2>
            <Facets facets={answer.facets} params={params} />
          </section>
          <section aria-label="Products" className="results">
            <SortChooser sort={params.sort ?? 'relevance'} />
            {answer.items.length > 0 ? <HitGrid hits={answer.items} /> : <NoResults params={params} />}
            {/* Turning the page moves focus to the top, where the new page starts. */}
            <Pager params={params} next={answer.nextCursor} onTurn={() => heading.current?.focus()} />
          </section>
        </div>
      )}
    </>
  );
}
