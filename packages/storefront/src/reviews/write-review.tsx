// The "Write a review" form (loaded when opened): the rating as a radio group, "Title", "Review", "Name
// shown" (optional) and "Photos" (uploaded as they are chosen; "Submit review" waits for those still
// running). POST /products/{id}/reviews; the API's field errors show at their fields (a refused photo at
// "Photos"), anything else (403 not-a-verified-buyer, 409 already-reviewed) as the form's message.
import { ApiProblem, fieldErrors, must, type Problem } from '@commerce/web-kit';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ComponentProps } from 'react';
import { useForm } from 'react-hook-form';
import type { Product } from '../catalog-data.ts';
import { applyProblem, TextField } from '../form-fields.tsx';
import { useShop } from '../shop.tsx';
import { errorText } from '../status.tsx';
import { reviewsKey, type OwnReview } from './review-data.ts';
import { PhotosField, usePhotoUploads } from './review-photos.tsx';
import { starsText } from './stars.tsx';

interface ReviewValues {
  rating: string;
  title: string;
  body: string;
  name: string;
}

const REVIEW_FIELDS = ['rating', 'title', 'body', 'name'] as const;

/** WriteReviewRequest's limits, checked here before the API would refuse them. */
const TITLE_MAX = 120;
const BODY_MAX = 5000;
const NAME_MAX = 80;

interface TextAreaFieldProps extends Omit<ComponentProps<'textarea'>, 'id'> {
  readonly label: string;
  readonly error?: string | undefined;
}

/** A labelled textarea that shows its error at the field, as form-fields.tsx's TextField does. */
function TextAreaField({ label, error, ...textarea }: TextAreaFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        {...textarea}
      />
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

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

/** Optional fields left empty are left out: the API refuses blank text. */
function optionalName(value: string): { name?: string } {
  const trimmed = value.trim();
  return trimmed ? { name: trimmed } : {};
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
  const ratingErrorId = useId();
  const photos = usePhotoUploads();
  const [waiting, setWaiting] = useState(false);
  const [photoError, setPhotoError] = useState<string | undefined>();
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<ReviewValues>({
    defaultValues: { rating: '', title: '', body: '', name: '' },
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
          body: {
            rating: Number(values.rating),
            title: values.title.trim(),
            body: values.body.trim(),
            ...optionalName(values.name),
            // The language the form is in, which is the one the review is written in.
            locale: document.documentElement.lang || 'en',
            photos: sent.map((photo) => photo.id),
          },
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

  const ratingError = errors.rating?.message;
  return (
    <form
      id={id}
      className="panel review-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={headingId}
    >
      <h3 id={headingId}>Your review of {product.title}</h3>
      <fieldset className="choices rating-choices" aria-describedby={ratingError ? ratingErrorId : undefined}>
        <legend>Rating</legend>
        {[1, 2, 3, 4, 5].map((rating) => (
          <label key={rating} className="choice">
            <input
              type="radio"
              value={rating}
              aria-invalid={ratingError ? true : undefined}
              {...register('rating', { required: 'Choose a rating.' })}
            />
            <span>{starsText(rating)}</span>
          </label>
        ))}
        {ratingError && (
          <span id={ratingErrorId} className="field-error">
            {ratingError}
          </span>
        )}
      </fieldset>
      <TextField
        label="Title"
        maxLength={TITLE_MAX}
        autoComplete="off"
        error={errors.title?.message}
        {...register('title', {
          required: 'Enter a title.',
          validate: (v) => v.trim() !== '' || 'Enter a title.',
        })}
      />
      <TextAreaField
        label="Review"
        rows={6}
        maxLength={BODY_MAX}
        error={errors.body?.message}
        {...register('body', {
          required: 'Write your review.',
          validate: (v) => v.trim() !== '' || 'Write your review.',
        })}
      />
      <TextField
        label="Name shown"
        maxLength={NAME_MAX}
        autoComplete="name"
        hint="Optional: shown shortened, like “Anna S.”."
        error={errors.name?.message}
        {...register('name')}
      />
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
