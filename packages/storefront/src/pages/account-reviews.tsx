// /account/reviews, where the review-request email sends customers: "Products to review" (each product of
// their delivered orders they have not reviewed, linked to its product page and its "Write a review"), then
// "Reviews you wrote", newest first, with their status.
import { useId } from 'react';
import { ProductThumbnail, ProductTitle } from '../reviews/bought-product.tsx';
import { useMyReviews, type OwnReview } from '../reviews/review-data.ts';
import { productsToReview, useReviewable } from '../reviews/review-requests.ts';
import { Stars } from '../reviews/stars.tsx';
import { LoadError, Loading } from '../status.tsx';
import { SignedInOnly } from './signed-in-only.tsx';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

/** The products still to review, each with when it was delivered; its page has "Write a review". */
function ProductsToReview() {
  const reviewable = useReviewable();
  if (reviewable.isPending) return <Loading what="the products to review" />;
  if (reviewable.isError) {
    return (
      <LoadError
        what="the products to review"
        error={reviewable.error}
        retry={() => void reviewable.refetch()}
      />
    );
  }
  const items = productsToReview(reviewable.data);
  if (items.length === 0) {
    return <p>Nothing to review right now. What you buy shows here once it is delivered.</p>;
  }
  return (
    <>
      <p>Open a product and choose “Write a review” under its reviews.</p>
      <ul className="bought-products">
        {items.map((item) => (
          <li key={item.productId} className="bought-product">
            <ProductThumbnail productId={item.productId} />
            <div>
              <p>
                <ProductTitle productId={item.productId} />
              </p>
              <p className="hint">
                Delivered{' '}
                <time dateTime={item.deliveredAt}>{dateFormat.format(new Date(item.deliveredAt))}</time>
              </p>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

const REVIEW_STATUS_TEXT: Record<OwnReview['status'], string> = {
  published: 'Published',
  pending: 'Being checked',
  rejected: 'Not published',
};

/** The reviews the customer wrote, newest first: the title, the product, the stars and the status. */
function MyReviews() {
  const reviews = useMyReviews();
  if (reviews.isPending) return <Loading what="your reviews" />;
  if (reviews.isError) {
    return <LoadError what="your reviews" error={reviews.error} retry={() => void reviews.refetch()} />;
  }
  if (reviews.data.length === 0) return <p>You have not written any reviews yet.</p>;
  return (
    <table className="lines">
      <caption className="visually-hidden">Your reviews, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Product</th>
          <th scope="col">Rating</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {reviews.data.map((review) => (
          <tr key={review.id}>
            <th scope="row">{review.title}</th>
            <td data-label="Product">
              <ProductTitle productId={review.productId} />
            </td>
            <td data-label="Rating">
              <Stars rating={review.rating} />
            </td>
            <td data-label="Status">{REVIEW_STATUS_TEXT[review.status]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AccountReviewsPage() {
  const toReviewId = useId();
  const writtenId = useId();
  return (
    <SignedInOnly title="Your reviews">
      <h1>Your reviews</h1>
      <section aria-labelledby={toReviewId}>
        <h2 id={toReviewId}>Products to review</h2>
        <ProductsToReview />
      </section>
      <section aria-labelledby={writtenId}>
        <h2 id={writtenId}>Reviews you wrote</h2>
        <MyReviews />
      </section>
    </SignedInOnly>
  );
}
