// The product page's "Reviews" section: the rating summary, "Write a review" for a customer whose delivered
// order holds the product (the form loads when opened), the order and rating choices, the published reviews
// and "More reviews" for the next page. A failed load is said quietly (no alert): the product stays buyable.
import { lazy, Suspense, useId, useState } from 'react';
import type { Product } from '../catalog-data.ts';
import { SelectField } from '../form-fields.tsx';
import { errorText } from '../status.tsx';
import {
  FIRST_FILTER,
  useMayReview,
  useProductReviews,
  type OwnReview,
  type ReviewFilter,
  type ReviewSort,
} from './review-data.ts';
import { RatingSummary, ReviewItem } from './review-list.tsx';
import { starsText } from './stars.tsx';
import './reviews.css';
import { ReviewThanks } from './review-thanks.tsx';
import { WriteReviewToggle } from './write-review-toggle.tsx';

const WriteReviewForm = lazy(() =>
  import('./write-review.tsx').then((module) => ({ default: module.WriteReviewForm })),
);

const SORTS: readonly { value: ReviewSort; label: string }[] = [
  { value: 'newest', label: 'Newest' },
  { value: 'helpful', label: 'Most helpful' },
];

/** What the section shows of the product. */
type ReviewedProduct = Pick<Product, 'id' | 'title'>;

/** "Write a review" and its form, for a customer who may review the product; the thanks once written. */
function WriteReview({ product }: { product: ReviewedProduct }) {
  const mayReview = useMayReview(product.id);
  const [written, setWritten] = useState<OwnReview | null>(null);
  if (written) return <ReviewThanks review={written} />;
  if (!mayReview) return null;
  return (
    <WriteReviewToggle
      form={(formId) => (
        <Suspense
          fallback={
            <p className="status" role="status">
              Loading the form…
            </p>
          }
        >
          <WriteReviewForm id={formId} product={product} onWritten={setWritten} />
        </Suspense>
      )}
    />
  );
}

/** The order and the rating shown; a change starts again at the first page. */
function ReviewChoices({ filter, onChange }: { filter: ReviewFilter; onChange: (f: ReviewFilter) => void }) {
  return (
    <div className="field-row review-choices">
      <SelectField
        label="Sort reviews"
        value={filter.sort}
        onChange={(e) => onChange({ ...filter, sort: e.target.value as ReviewSort })}
      >
        {SORTS.map((sort) => (
          <option key={sort.value} value={sort.value}>
            {sort.label}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Filter by rating"
        value={filter.rating ?? ''}
        onChange={(e) => onChange({ ...filter, rating: e.target.value ? Number(e.target.value) : undefined })}
      >
        <option value="">All ratings</option>
        {[5, 4, 3, 2, 1].map((rating) => (
          <option key={rating} value={rating}>
            {starsText(rating)}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

export function ProductReviews({ product }: { product: ReviewedProduct }) {
  const headingId = useId();
  const [filter, setFilter] = useState<ReviewFilter>(FIRST_FILTER);
  const pages = useProductReviews(product.id, filter);
  const first = pages.data?.pages[0];
  const reviews = pages.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="product-reviews" aria-labelledby={headingId}>
      <h2 id={headingId}>Reviews</h2>
      {pages.isPending && (
        <p className="status" role="status">
          Loading reviews…
        </p>
      )}
      {/* No data only when the first page failed; a failed "More reviews" keeps the reviews shown so far. */}
      {!pages.data && pages.isError && (
        <div className="status">
          <p>Reviews are not available right now.</p>
          <button type="button" className="secondary" onClick={() => void pages.refetch()}>
            Try again
          </button>
        </div>
      )}
      {first &&
        (first.aggregate.count > 0 ? <RatingSummary aggregate={first.aggregate} /> : <p>No reviews yet.</p>)}
      <WriteReview product={product} />
      {first && first.aggregate.count > 0 && (
        <>
          <ReviewChoices filter={filter} onChange={setFilter} />
          <div aria-busy={pages.isPlaceholderData}>
            {reviews.length === 0 ? (
              <p>{filter.rating ? `No reviews with ${starsText(filter.rating)}.` : 'No reviews yet.'}</p>
            ) : (
              <ol className="review-list">
                {reviews.map((review) => (
                  <li key={review.id}>
                    <ReviewItem review={review} />
                  </li>
                ))}
              </ol>
            )}
          </div>
          {pages.isFetchNextPageError && (
            <p className="status">Could not load more reviews: {errorText(pages.error)}</p>
          )}
          {pages.hasNextPage && !pages.isPlaceholderData && (
            <button
              type="button"
              className="secondary more"
              disabled={pages.isFetchingNextPage}
              onClick={() => void pages.fetchNextPage()}
            >
              {pages.isFetchingNextPage ? 'Loading…' : 'More reviews'}
            </button>
          )}
        </>
      )}
    </section>
  );
}
