// The thanks that replace a review form once it is sent (the product page's and the guest page's): published
// at once, or waiting for staff. Small, so the product page has it without loading the form.
import { useEffect, useRef } from 'react';
import type { OwnReview } from './review-data.ts';

export function thanksText(review: OwnReview): string {
  return review.status === 'published'
    ? 'Thanks! Your review is published.'
    : 'Thanks! Your review will appear once it has been checked.';
}

/** The thanks, focused so the keyboard does not fall back to the page's start. */
export function ReviewThanks({ review }: { review: OwnReview }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <p ref={ref} className="notice" tabIndex={-1}>
      {thanksText(review)}
    </p>
  );
}
