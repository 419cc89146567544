// The parts of a product's reviews: the rating summary (average to one decimal, how many reviews, a bar per
// rating from 5 stars to 1) and one review as shoppers read it (stars, title, text, author, "Verified
// purchase", photos, the shop's reply, and "Helpful (n)" for signed-in customers).
import { useId } from 'react';
import { ProductImage } from '../product-image.tsx';
import { useSession } from '../shop.tsx';
import { errorText } from '../status.tsx';
import { useHelpfulVote, type RatingAggregate, type Review } from './review-data.ts';
import { starGlyphs, Stars, starsText } from './stars.tsx';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

/** A photo's thumbnail width (reviews.css). */
const PHOTO_SIZES = '6rem';

export function reviewCountText(count: number): string {
  return count === 1 ? '1 review' : `${count} reviews`;
}

/** The average, the count and how many reviews gave each rating, 5 stars first. */
export function RatingSummary({ aggregate }: { aggregate: RatingAggregate }) {
  const ratings = [5, 4, 3, 2, 1] as const;
  return (
    <div className="rating-summary">
      <p className="rating-average">
        <span className="average-number">{aggregate.average.toFixed(1)}</span> out of 5{' '}
        <span className="star-glyphs" aria-hidden="true">
          {starGlyphs(aggregate.average)}
        </span>
        <br />
        {reviewCountText(aggregate.count)}
      </p>
      <table className="rating-histogram">
        <caption className="visually-hidden">Reviews by rating</caption>
        <tbody>
          {ratings.map((stars) => {
            const count = aggregate.histogram[stars - 1] ?? 0;
            const share = aggregate.count > 0 ? (count / aggregate.count) * 100 : 0;
            return (
              <tr key={stars}>
                <th scope="row">{starsText(stars)}</th>
                <td className="histogram-bar">
                  <span aria-hidden="true">
                    <span style={{ width: `${share}%` }} />
                  </span>
                </td>
                <td className="histogram-count">{count}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The vote and its count; a second vote by the same customer is not counted, which the answer says. */
function HelpfulButton({ review }: { review: Review }) {
  const vote = useHelpfulVote(review.id);
  const count = vote.data?.helpful ?? review.helpful;
  return (
    <div className="helpful">
      <button
        type="button"
        className="secondary"
        disabled={vote.isPending || vote.isSuccess}
        onClick={() => vote.mutate()}
      >
        Helpful ({count})
      </button>
      <span aria-live="polite">
        {vote.data &&
          (vote.data.counted ? 'Thanks for your vote.' : 'You had marked this review helpful already.')}
      </span>
      {vote.isError && (
        <span className="field-error" role="alert">
          {errorText(vote.error)}
        </span>
      )}
    </div>
  );
}

function ReviewPhotos({ review }: { review: Review }) {
  return (
    <ul className="review-photos">
      {review.photos.map((photo, i) => (
        <li key={photo.id}>
          <a href={photo.url}>
            <ProductImage
              image={{ ...photo, alt: `Photo ${i + 1} from ${review.author}` }}
              variant="thumbnail"
              sizes={PHOTO_SIZES}
            />
          </a>
        </li>
      ))}
    </ul>
  );
}

export function ReviewItem({ review }: { review: Review }) {
  const titleId = useId();
  const session = useSession();
  return (
    <article className="review" aria-labelledby={titleId}>
      <h3 id={titleId}>{review.title}</h3>
      <p className="review-rating">
        <Stars rating={review.rating} />
      </p>
      <p className="review-meta">
        By {review.author} on{' '}
        <time dateTime={review.publishedAt}>{dateFormat.format(new Date(review.publishedAt))}</time>
        {review.verified && <span className="verified-badge">Verified purchase</span>}
      </p>
      <p className="review-body" lang={review.locale}>
        {review.body}
      </p>
      {review.photos.length > 0 && <ReviewPhotos review={review} />}
      {review.reply && (
        <div className="review-reply">
          <p className="review-meta">
            Reply from the shop on{' '}
            <time dateTime={review.reply.at}>{dateFormat.format(new Date(review.reply.at))}</time>
          </p>
          <p className="review-body">{review.reply.body}</p>
        </div>
      )}
      {session ? (
        <HelpfulButton review={review} />
      ) : (
        review.helpful > 0 && (
          <p className="hint">
            {review.helpful === 1 ? '1 person' : `${review.helpful} people`} found this helpful.
          </p>
        )
      )}
    </article>
  );
}
