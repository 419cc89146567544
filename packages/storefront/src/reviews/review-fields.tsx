// What the customer's review form (write-review.tsx) and a guest's (guest-review.tsx) share: the rating as
// a radio group "Rating" ("1 star" … "5 stars"), "Title", "Review" and "Name shown" (optional) with their
// limits and errors at the fields; and the request those values make (the thanks are review-thanks.tsx).
import { useId, type ComponentProps } from 'react';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { TextField } from '../form-fields.tsx';
import { starsText } from './stars.tsx';

export interface ReviewValues {
  rating: string;
  title: string;
  body: string;
  name: string;
}

/** The form's fields, whose names are the API's field pointers. */
export const REVIEW_FIELDS = ['rating', 'title', 'body', 'name'] as const;

export const EMPTY_REVIEW: ReviewValues = { rating: '', title: '', body: '', name: '' };

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

/** The rating, "Title", "Review" and "Name shown", registered on the form that renders them. */
export function ReviewFields({
  register,
  errors,
}: {
  register: UseFormRegister<ReviewValues>;
  errors: FieldErrors<ReviewValues>;
}) {
  const ratingErrorId = useId();
  const ratingError = errors.rating?.message;
  return (
    <>
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
    </>
  );
}

/**
 * The review the values make, trimmed; an empty "Name shown" is left out (the API refuses blank text), and
 * the locale is the language the form is in, which is the one the review is written in.
 */
export function reviewRequest(values: ReviewValues) {
  const name = values.name.trim();
  return {
    rating: Number(values.rating),
    title: values.title.trim(),
    body: values.body.trim(),
    ...(name ? { name } : {}),
    locale: document.documentElement.lang || 'en',
  };
}
