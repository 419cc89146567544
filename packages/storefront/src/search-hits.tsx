// Product cards from search answers (the search page and the category pages): the main image's square
// thumbnail, the title with the words that matched marked, the price the shopper pays, availability and
// rating. Highlights arrive as text parts and are rendered as text; no HTML from the server reaches the page.
import { Link } from '@tanstack/react-router';
import { AVAILABILITY_TEXT, useShelfTaxMode } from './catalog-data.ts';
import { OfferPrice } from './price.tsx';
import type { SearchHit, TextPart } from './search-data.ts';

/** `parts` with their matches in <mark>, or `text` when there are none (or they do not spell it). */
export function Highlighted({ parts, text }: { parts: readonly TextPart[] | undefined; text: string }) {
  if (!parts || parts.map((p) => p.text).join('') !== text) return text;
  return parts.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text));
}

/**
 * The square thumbnail's side as the media service renders it at most (the intrinsic size, so its space is
 * kept before it loads; CSS scales it to the card).
 */
const THUMBNAIL_SIDE = 400;

/** A hit's image is a URL; products from before the media service carry an object key there instead. */
const isImageUrl = (image: string | undefined): image is string =>
  image !== undefined && /^https?:\/\//i.test(image);

function Rating({ rating }: { rating: NonNullable<SearchHit['rating']> }) {
  const reviews = rating.count === 1 ? '1 review' : `${rating.count} reviews`;
  return (
    <p className="rating">
      Rated {rating.average.toFixed(1)} out of 5 ({reviews})
    </p>
  );
}

function HitCard({ hit, taxMode }: { hit: SearchHit; taxMode: ReturnType<typeof useShelfTaxMode> }) {
  const description = hit.highlights?.description;
  return (
    <li className="card">
      {isImageUrl(hit.image) && (
        // Decorative: the title beside it names the product.
        <img
          className="card-thumbnail"
          loading="lazy"
          decoding="async"
          src={hit.image}
          alt=""
          width={THUMBNAIL_SIDE}
          height={THUMBNAIL_SIDE}
        />
      )}
      <h3>
        <Link to="/products/$handle" params={{ handle: hit.handle }}>
          <Highlighted parts={hit.highlights?.title} text={hit.title} />
        </Link>
      </h3>
      {description && (
        <p className="card-description">
          <Highlighted parts={description} text={description.map((p) => p.text).join('')} />
        </p>
      )}
      {hit.price && <OfferPrice price={hit.price} taxMode={taxMode} />}
      <p className={`availability ${hit.availability}`}>{AVAILABILITY_TEXT[hit.availability]}</p>
      {hit.rating && <Rating rating={hit.rating} />}
    </li>
  );
}

export function HitGrid({ hits }: { hits: readonly SearchHit[] }) {
  const taxMode = useShelfTaxMode(hits[0]?.id);
  return (
    <ul className="product-grid">
      {hits.map((hit) => (
        <HitCard key={hit.id} hit={hit} taxMode={taxMode} />
      ))}
    </ul>
  );
}
