// The customer's "Write a review" form (loaded when opened): review-fields.tsx's rating, "Title", "Review"
// and "Name shown" (optional), then "Photos" (uploaded as they are chosen; "Submit review" waits for those
// still running). POST /products/{id}/reviews; the API's field errors show at their fields (a refused photo
// at "Photos"), anything else (403 not-a-verified-buyer, 409 already-reviewed) as the form's message.
import { ApiProblem, fieldErrors, must, type Problem } from '@commerce/web-kit';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { Product } from '../catalog-data.ts';
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
import { PhotosField, usePhotoUploads } from './review-photos.tsx';

/** The problem without its errors about photos (`/photos/<i>`), and those as one line naming each file. */
function splitPhotoErrors(
  problem: Problem,
  sent: readonly { readonly name: string }[],
): [Problem, string | undefined] {
  const isPhoto = (pointer: string) => /^\/photos(\/|$)/.test(pointer);
  const errors = problem.errors ?? [];
  const about = errors.filter((e) => e.in === 'body' && isPhoto(e.pointer));
  if (about.length === 0) return [problem, undefined];
  const text = [...fieldErrors({ ...problem, errors: about })]
    .map(([name, detail]) => {
      const file = sent[Number(name.split('.')[1])]?.name;
      return file ? `${file}: ${detail}` : detail;
    })
    .join(' ');
  return [{ ...problem, errors: errors.filter((e) => !about.includes(e)) }, text];
}

export function WriteReviewForm({
  id,
  product,
  onWritten,
}: {
  id: string;
  product: Pick<Product, 'id' | 'title'>;
  onWritten: (review: OwnReview) => void;
}) {
  const { api } = useShop();
  const queryClient = useQueryClient();
  const headingId = useId();
  const photos = usePhotoUploads();
  const [waiting, setWaiting] = useState(false);
  const [photoError, setPhotoError] = useState<string | undefined>();
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<ReviewValues>({
    defaultValues: EMPTY_REVIEW,
  });
  const { errors, isSubmitting } = formState;

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    setPhotoError(undefined);
    setWaiting(true);
    const uploads = await photos.settled();
    setWaiting(false);
    if (uploads.some((u) => u.phase !== 'ready')) {
      setFormMessage('Some photos could not be uploaded: remove them (see Photos), then submit again.');
      return;
    }
    const sent = uploads.flatMap((u) => (u.photo ? [{ name: u.name, id: u.photo.id }] : []));
    try {
      const review = must(
        await api.POST('/products/{id}/reviews', {
          params: { path: { id: product.id } },
          body: { ...reviewRequest(values), photos: sent.map((photo) => photo.id) },
        }),
      );
      void queryClient.invalidateQueries({ queryKey: ['reviewable'] });
      void queryClient.invalidateQueries({ queryKey: ['my-reviews'] });
      if (review.status === 'published') {
        void queryClient.invalidateQueries({ queryKey: reviewsKey(product.id) });
      }
      onWritten(review);
    } catch (error) {
      if (!(error instanceof ApiProblem)) return setFormMessage(errorText(error));
      const [rest, aboutPhotos] = splitPhotoErrors(error.problem, sent);
      setPhotoError(aboutPhotos);
      setFormMessage(applyProblem(rest, setError, REVIEW_FIELDS));
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
      <PhotosField photos={photos} error={photoError} disabled={isSubmitting} />
      {formMessage && (
        <p className="alert" role="alert">
          {formMessage}
        </p>
      )}
      <p className="status" aria-live="polite">
        {waiting
          ? 'Waiting for your photos to finish uploading…'
          : isSubmitting
            ? 'Sending your review…'
            : ''}
      </p>
      <button type="submit" disabled={isSubmitting}>
        Submit review
      </button>
    </form>
  );
}
