// The pieces the review queue and a review's page share: the star rating (drawn, and said as "4 of 5 stars"),
// the flags the auto-publish rules raised, the product as a link to its page, and the author's photos as
// square thumbnails opening full size.
import { mayCall } from '@commerce/web-kit';
import { Link } from '@tanstack/react-router';
import type { JSX } from 'react';
import { useSession } from '../../app/console.tsx';
import { flagLabel, starGlyphs, starsText, type StaffReview } from './review-status.ts';

type Photo = StaffReview['photos'][number];
type ImageFile = Photo['thumbnails'][number];

export function Stars({ rating }: { rating: number }): JSX.Element {
  return (
    <span>
      <span aria-hidden="true">{starGlyphs(rating)}</span> {starsText(rating)}
    </span>
  );
}

export function Flags({ flags }: { flags: readonly string[] }): JSX.Element {
  if (flags.length === 0) return <span className="hint">None</span>;
  return (
    <ul aria-label="Flags">
      {flags.map((flag) => (
        <li key={flag}>{flagLabel(flag)}</li>
      ))}
    </ul>
  );
}

/** The product's page in the console for whoever may open it, else its id as text. */
export function ProductRef({ id }: { id: string }): JSX.Element {
  const session = useSession();
  if (!mayCall(session.groups, 'PATCH', '/products/{id}')) return <span className="mono">{id}</span>;
  return (
    <Link to="/products/$id" params={{ id }} className="mono">
      {id}
    </Link>
  );
}

const srcSet = (files: readonly ImageFile[]) => files.map((f) => `${f.url} ${f.width}w`).join(', ');

function Thumbnail({ photo, alt }: { photo: Photo; alt: string }) {
  const avif = photo.thumbnails.filter((t) => t.type === 'image/avif');
  const webp = photo.thumbnails.filter((t) => t.type === 'image/webp');
  return (
    <picture>
      {avif.length > 0 && <source type="image/avif" srcSet={srcSet(avif)} sizes="160px" />}
      <img
        src={webp[0]?.url ?? photo.url}
        {...(webp.length > 0 ? { srcSet: srcSet(webp), sizes: '160px' } : {})}
        alt={alt}
        width={160}
        height={160}
        loading="lazy"
      />
    </picture>
  );
}

export function Photos({ photos }: { photos: readonly Photo[] }): JSX.Element {
  if (photos.length === 0) return <p className="empty">No photos.</p>;
  return (
    <ul className="cards" aria-label="Photos">
      {photos.map((photo, i) => (
        <li key={photo.id}>
          <a href={photo.url} target="_blank" rel="noreferrer">
            <Thumbnail photo={photo} alt={`Photo ${i + 1} of ${photos.length}, full size`} />
          </a>
        </li>
      ))}
    </ul>
  );
}
