// A guest buyer's "Write a review" form on their review link's page: review-fields.tsx's rating, "Title",
// "Review" and "Name shown" (optional), no photos (guests have no account to upload them with). POST
// /review-invitations/{token}/reviews; the API's field errors show at their fields, anything else (404 link
// no longer valid, 403 not-a-verified-buyer, 409 already-reviewed) as the form's message. Its styles are
// reviews.css's, which loads with the app (product-reviews.tsx is on the product page).
import { ApiProblem, must } from '@commerce/web-kit';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { applyProblem } from '../form-fields.tsx';
import { useShop } from '../shop.tsx';
import { errorText } from '../status.tsx';
import { reviewsKey, type OwnReview } from './review-data.ts';
import {
  EMPTY_REVIEW,
  REVIEW_FIELDS,
  reviewRequest,
  ReviewFields,
  type ReviewValues,
} from './review-fields.tsx';
import { invitationKey, type Invitation } from './review-requests.ts';

export function GuestReviewForm({
  id,
  token,
  product,
  onWritten,
}: {
  id: string;
  /** The review link's token. */
  token: string;
  /** The product's id, and its title as the form's heading names it. */
  product: { id: string; title: string };
  onWritten: (review: OwnReview) => void;
}) {
  const { api } = useShop();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<ReviewValues>({
    defaultValues: EMPTY_REVIEW,
  });
  const { errors, isSubmitting } = formState;

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    try {
      const review = must(
        await api.POST('/review-invitations/{token}/reviews', {
          params: { path: { token } },
          body: { productId: product.id, ...reviewRequest(values) },
        }),
      );
      // The link's page now says "Reviewed" for the product, as the API would.
      queryClient.setQueryData<Invitation>(
        invitationKey(token),
        (old) =>
          old && {
            ...old,
            products: old.products.map((p) =>
              p.productId === product.id ? { ...p, reviewId: review.id } : p,
            ),
          },
      );
      if (review.status === 'published') {
        void queryClient.invalidateQueries({ queryKey: reviewsKey(product.id) });
      }
      onWritten(review);
    } catch (error) {
      setFormMessage(
        error instanceof ApiProblem ? applyProblem(error.problem, setError, REVIEW_FIELDS) : errorText(error),
      );
    }
  });

  return (
    <form
      id={id}
      className="panel review-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={headingId}
    >
      <h3 id={headingId}>Your review of {product.title}</h3>
      <ReviewFields register={register} errors={errors} />
      {formMessage && (
        <p className="alert" role="alert">
          {formMessage}
        </p>
      )}
      <p className="status" role="status">
        {isSubmitting ? 'Sending your review…' : ''}
      </p>
      <button type="submit" disabled={isSubmitting}>
        Submit review
      </button>
    </form>
  );
}
