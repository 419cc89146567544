// /review/$token, a guest buyer's review link (from the delivery and review-request emails; no sign-in): each
// product their delivered order holds, with its image and title ("A product you bought" once it is no longer
// in the shop), then "Reviewed" or "Write a review" and its form; and whether review requests are emailed for
// the order, saved when ticked. A link the shop did not send, or one that expired, says so.
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { ProductThumbnail, ProductTitle } from '../reviews/bought-product.tsx';
import { GuestReviewForm } from '../reviews/guest-review.tsx';
import type { OwnReview } from '../reviews/review-data.ts';
import { InvitationEmailsChoice } from '../reviews/review-emails.tsx';
import { ReviewThanks } from '../reviews/review-thanks.tsx';
import { WriteReviewToggle } from '../reviews/write-review-toggle.tsx';
import {
  isInvalidLink,
  useInvitation,
  useProductById,
  type Invitation,
  type InvitedProduct,
} from '../reviews/review-requests.ts';
import { LoadError, Loading } from '../status.tsx';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'long' });

/** "Write a review" and its form, for a product not reviewed yet. */
function WriteGuestReview({
  token,
  productId,
  onWritten,
}: {
  token: string;
  productId: string;
  onWritten: (review: OwnReview) => void;
}) {
  const product = useProductById(productId);
  // The form's heading names the product; one no longer in the shop is "this product".
  const title = product.data?.title ?? 'this product';
  return (
    <WriteReviewToggle
      form={(formId) => (
        <GuestReviewForm id={formId} token={token} product={{ id: productId, title }} onWritten={onWritten} />
      )}
    />
  );
}

/**
 * A product of the order: its image and title, then the thanks for a review just written, "Reviewed", or
 * "Write a review".
 */
function InvitedProductItem({ token, item }: { token: string; item: InvitedProduct }) {
  // The review written here: its thanks stay once the invitation says the product is reviewed.
  const [written, setWritten] = useState<OwnReview | null>(null);
  return (
    <li className="bought-product">
      <ProductThumbnail productId={item.productId} />
      <div>
        <h2>
          <ProductTitle productId={item.productId} />
        </h2>
        {written ? (
          <ReviewThanks review={written} />
        ) : item.reviewId ? (
          <p className="reviewed">Reviewed</p>
        ) : (
          <WriteGuestReview token={token} productId={item.productId} onWritten={setWritten} />
        )}
      </div>
    </li>
  );
}

function InvitationDetail({ token, invitation }: { token: string; invitation: Invitation }) {
  const toReview = invitation.products.filter((item) => item.reviewId === undefined).length;
  return (
    <>
      <p>
        {toReview > 0 ? (
          <>
            Tell other shoppers what you think of what you bought. This link works until{' '}
            <time dateTime={invitation.expiresAt}>{dateFormat.format(new Date(invitation.expiresAt))}</time>.
          </>
        ) : (
          'You have reviewed everything from this order. Thank you!'
        )}
      </p>
      <ul className="bought-products">
        {invitation.products.map((item) => (
          <InvitedProductItem key={item.productId} token={token} item={item} />
        ))}
      </ul>
      <h2>Review requests</h2>
      <InvitationEmailsChoice token={token} requestEmails={invitation.requestEmails} />
    </>
  );
}

export function ReviewInvitationPage() {
  const { token } = useParams({ from: '/review/$token' });
  const invitation = useInvitation(token);
  return (
    <>
      <h1>Review your purchase</h1>
      {invitation.isPending && <Loading what="your order" />}
      {invitation.isError &&
        (isInvalidLink(invitation.error) ? (
          <div className="alert" role="alert">
            <p>This review link is not valid or has expired.</p>
            <p>
              <Link to="/">Back to the shop</Link>
            </p>
          </div>
        ) : (
          <LoadError what="your order" error={invitation.error} retry={() => void invitation.refetch()} />
        ))}
      {invitation.data && <InvitationDetail token={token} invitation={invitation.data} />}
    </>
  );
}
