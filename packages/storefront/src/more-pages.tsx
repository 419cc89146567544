// "More" under a list the shop reads a page at a time (useInfiniteQuery): a failed next page with its retry,
// and the button while the API has another page. A failed "More" keeps the pages shown so far.
import { LoadError } from './status.tsx';

/** The parts of an infinite query the controls read. */
export interface NextPages {
  readonly hasNextPage: boolean;
  readonly isFetchingNextPage: boolean;
  readonly isFetchNextPageError: boolean;
  readonly error: unknown;
  readonly fetchNextPage: () => Promise<unknown>;
}

export function MorePages({ pages, what }: { pages: NextPages; what: string }) {
  return (
    <>
      {pages.isFetchNextPageError && (
        <LoadError what={`more ${what}`} error={pages.error} retry={() => void pages.fetchNextPage()} />
      )}
      {pages.hasNextPage && (
        <button
          type="button"
          className="secondary more"
          disabled={pages.isFetchingNextPage}
          onClick={() => void pages.fetchNextPage()}
        >
          {pages.isFetchingNextPage ? 'Loading…' : 'More'}
        </button>
      )}
    </>
  );
}
