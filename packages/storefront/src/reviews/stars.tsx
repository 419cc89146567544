// A rating as the shop shows it: the stars drawn with characters (hidden from screen readers) and the same
// rating in words beside them, so no one has to count glyphs.

/** "1 star", "4 stars". */
export function starsText(rating: number): string {
  return rating === 1 ? '1 star' : `${rating} stars`;
}

/** "★★★★☆" for 4 (an average is rounded to whole stars). */
export function starGlyphs(rating: number): string {
  const full = Math.max(0, Math.min(5, Math.round(rating)));
  return '★'.repeat(full) + '☆'.repeat(5 - full);
}

export function Stars({ rating }: { rating: number }) {
  return (
    <span className="stars">
      <span className="star-glyphs" aria-hidden="true">
        {starGlyphs(rating)}
      </span>{' '}
      {rating} out of 5 stars
    </span>
  );
}
