// Reviews (GET /reviews): the moderation queue by status (pending by default, oldest first), optionally of one
// product, read a page at a time with "Load more"; each title opens the review. The auto-publish rules that
// decide what reaches the queue are edited under it.
import { must } from '@commerce/web-kit';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent, type JSX } from 'react';
import { useConsole } from '../../app/console.tsx';
import { DataTable, columnsOf } from '../../ui/data-table.tsx';
import { Field } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/money.ts';
import { ErrorView, Loading } from '../../ui/status-views.tsx';
import { Flags, ProductRef, Stars } from './review-parts.tsx';
import { ReviewRules } from './review-rules.tsx';
import {
  PRODUCT_ID,
  REVIEW_STATUSES,
  excerpt,
  statusLabel,
  type ReviewStatus,
  type StaffReview,
} from './review-status.ts';

const routeApi = getRouteApi('/reviews');
const PAGE_SIZE = 25;

const column = columnsOf<StaffReview>();
const columns = column.columns([
  column.accessor('title', {
    header: 'Title',
    cell: (i) => (
      <Link to="/reviews/$id" params={{ id: i.row.original.id }}>
        {i.getValue()}
      </Link>
    ),
  }),
  column.accessor('rating', { header: 'Rating', cell: (i) => <Stars rating={i.getValue()} /> }),
  column.accessor((r) => excerpt(r.body), { id: 'excerpt', header: 'Excerpt' }),
  column.accessor('author', {
    header: 'Author',
    cell: (i) => (
      <>
        {i.getValue()}
        {i.row.original.verified && (
          <>
            <br />
            <strong>Verified buyer</strong>
          </>
        )}
      </>
    ),
  }),
  column.accessor('flags', { header: 'Flags', cell: (i) => <Flags flags={i.getValue()} /> }),
  column.accessor('createdAt', { header: 'Written', cell: (i) => formatDateTime(i.getValue()) }),
  column.accessor('productId', { header: 'Product', cell: (i) => <ProductRef id={i.getValue()} /> }),
]);

export function ReviewList(): JSX.Element {
  const search = routeApi.useSearch();
  const status = search.status ?? 'pending';
  const navigate = useNavigate();
  const [productId, setProductId] = useState(search.productId ?? '');
  const [productError, setProductError] = useState<string | undefined>(undefined);
  const show = (next: ReviewStatus, product: string | undefined) =>
    void navigate({
      to: '/reviews',
      search: { ...(next !== 'pending' ? { status: next } : {}), ...(product ? { productId: product } : {}) },
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const product = productId.trim();
    if (product && !PRODUCT_ID.test(product)) {
      setProductError('1-64 letters, digits, "-" or "_".');
      return;
    }
    setProductError(undefined);
    show(status, product || undefined);
  };
  return (
    <section aria-labelledby="reviews-title">
      <h1 id="reviews-title">Reviews</h1>
      <form className="filters" role="search" noValidate onSubmit={submit}>
        <Field label="Status">
          {(c) => (
            <select
              {...c}
              value={status}
              onChange={(e) =>
                show(REVIEW_STATUSES.find((s) => s === e.target.value) ?? 'pending', search.productId)
              }
            >
              {REVIEW_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Product id" error={productError} hint="Empty for every product.">
          {(c) => (
            <input
              {...c}
              type="search"
              value={productId}
              onChange={(e) => setProductId(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <button type="submit">Filter</button>
      </form>
      <ReviewQueue key={`${status}|${search.productId ?? ''}`} status={status} productId={search.productId} />
      <ReviewRules />
    </section>
  );
}

/** The reviews of one status (and product): pages added under each other while the API has more. */
function ReviewQueue({ status, productId }: { status: ReviewStatus; productId: string | undefined }) {
  const { client } = useConsole();
  const pages = useInfiniteQuery({
    queryKey: ['reviews', 'list', status, productId ?? ''],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      must(
        await client.GET('/reviews', {
          params: {
            query: {
              status,
              limit: PAGE_SIZE,
              ...(productId ? { productId } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor,
  });
  if (pages.isPending) return <Loading what="reviews" />;
  // No data only when the first page failed; a failed "Load more" keeps the pages shown so far.
  if (!pages.data) return <ErrorView error={pages.error} what="reviews" retry={() => void pages.refetch()} />;
  const reviews = pages.data.pages.flatMap((page) => page.items);
  const caption = `${statusLabel(status)} reviews${productId ? ` of product ${productId}` : ''}, oldest first`;
  return (
    <>
      <DataTable
        caption={caption}
        data={reviews}
        columns={columns}
        rowId={(r) => r.id}
        empty={status === 'pending' ? 'No reviews wait for a decision.' : 'No reviews match.'}
      />
      {pages.isFetchNextPageError && (
        <ErrorView error={pages.error} what="more reviews" retry={() => void pages.fetchNextPage()} />
      )}
      {pages.hasNextPage && (
        <div className="actions">
          <button
            type="button"
            disabled={pages.isFetchingNextPage}
            onClick={() => void pages.fetchNextPage()}
          >
            {pages.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </>
  );
}
