// The review form's photos: a file input labelled "Photos" (up to four), each chosen file checked here (type,
// size, how many) and uploaded straight to the media bucket with web-kit's uploadImage (POST /media/uploads,
// then the wait until the media service has checked it), its state in a live region with "Remove". The form
// waits for the uploads still running when it is submitted (`settled`) and sends the ready photos' ids.
import { IMAGE_TYPES, imageFileProblem, REVIEW_PHOTO_UPLOAD, uploadImage } from '@commerce/web-kit';
import { useEffect, useId, useRef, useState } from 'react';
import { ProductImage } from '../product-image.tsx';
import { useShop } from '../shop.tsx';
import { errorText } from '../status.tsx';
import type { ReviewPhoto } from './review-data.ts';

/** The most photos one review shows (functions/review/domain/review.ts, MAX_PHOTOS). */
export const MAX_PHOTOS = 4;

type Phase = 'uploading' | 'processing' | 'ready' | 'rejected' | 'failed';

/** One chosen file on its way to being a photo of the review. */
export interface PhotoUpload {
  readonly key: number;
  readonly name: string;
  readonly phase: Phase;
  /** Why it was rejected or failed. */
  readonly detail?: string;
  /** The checked photo, once ready. */
  readonly photo?: ReviewPhoto;
  /** Settles (never fails) once the upload is ready, rejected, failed or removed. */
  readonly done: Promise<void>;
}

const inFlight = (u: PhotoUpload) => u.phase === 'uploading' || u.phase === 'processing';
const counts = (u: PhotoUpload) => u.phase !== 'rejected' && u.phase !== 'failed';

const phaseText: Record<Phase, string> = {
  uploading: 'Uploading…',
  processing: 'Checking…',
  ready: 'Ready.',
  rejected: 'Rejected:',
  failed: 'Upload failed:',
};

export type PhotoUploads = ReturnType<typeof usePhotoUploads>;

/** The chosen photos and their uploads; leaving the page stops every upload still running. */
export function usePhotoUploads() {
  const { api } = useShop();
  const [uploads, setUploads] = useState<readonly PhotoUpload[]>([]);
  const [refused, setRefused] = useState<readonly string[]>([]);
  // The list as it is now, for `settled`, which reads it after waiting (state in its closure would be old).
  const current = useRef<readonly PhotoUpload[]>([]);
  const controllers = useRef(new Map<number, AbortController>());
  const nextKey = useRef(1);

  useEffect(() => {
    const running = controllers.current;
    return () => running.forEach((controller) => controller.abort());
  }, []);

  const commit = (change: (all: readonly PhotoUpload[]) => readonly PhotoUpload[]) => {
    current.current = change(current.current);
    setUploads(current.current);
  };
  const update = (key: number, change: Partial<PhotoUpload>) =>
    commit((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const start = (file: File) => {
    const key = nextKey.current++;
    const controller = new AbortController();
    controllers.current.set(key, controller);
    const done = uploadImage(api, REVIEW_PHOTO_UPLOAD, file, {
      signal: controller.signal,
      onProcessing: () => update(key, { phase: 'processing' }),
    })
      .then((outcome) =>
        outcome.status === 'ready'
          ? update(key, { phase: 'ready', photo: outcome.image })
          : update(key, { phase: 'rejected', detail: outcome.detail }),
      )
      .catch((error: unknown) => {
        if (!controller.signal.aborted) update(key, { phase: 'failed', detail: errorText(error) });
      })
      .finally(() => controllers.current.delete(key));
    commit((all) => [...all, { key, name: file.name, phase: 'uploading', done }]);
  };

  /** Checks each file as the API would and starts the uploads of those that pass. */
  const add = (files: FileList | null) => {
    const problems: string[] = [];
    let room = MAX_PHOTOS - current.current.filter(counts).length;
    for (const file of files ?? []) {
      const problem = imageFileProblem(file, REVIEW_PHOTO_UPLOAD);
      if (problem) {
        problems.push(problem);
      } else if (room <= 0) {
        problems.push(`${file.name}: a review shows at most ${MAX_PHOTOS} photos.`);
      } else {
        room -= 1;
        start(file);
      }
    }
    setRefused(problems);
  };

  const remove = (key: number) => {
    controllers.current.get(key)?.abort();
    commit((all) => all.filter((u) => u.key !== key));
  };

  /** Waits until no upload is running (photos chosen meanwhile too) and answers the list then. */
  const settled = async (): Promise<readonly PhotoUpload[]> => {
    while (current.current.some(inFlight)) await Promise.all(current.current.map((u) => u.done));
    return current.current;
  };

  return { uploads, refused, add, remove, settled };
}

/** The input, its hint and refusals, and each upload's state with "Remove". */
export function PhotosField({
  photos,
  error,
  disabled,
}: {
  photos: PhotoUploads;
  /** The API's or the form's word on the photos. */
  error: string | undefined;
  disabled: boolean;
}) {
  const id = useId();
  const { uploads, refused } = photos;
  const refusedId = refused.length > 0 ? `${id}-refused` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={`${id}-input`}>Photos</label>
      <span id={`${id}-hint`} className="hint">
        Optional: up to {MAX_PHOTOS} photos, JPEG, PNG, WebP, AVIF or GIF, at most{' '}
        {REVIEW_PHOTO_UPLOAD.maxBytes / 1_048_576} MiB each.
      </span>
      <input
        id={`${id}-input`}
        type="file"
        accept={IMAGE_TYPES.join(',')}
        multiple
        disabled={disabled}
        aria-describedby={[`${id}-hint`, refusedId, errorId].filter(Boolean).join(' ')}
        aria-invalid={refusedId || errorId ? true : undefined}
        onChange={(event) => {
          photos.add(event.currentTarget.files);
          // Cleared, so choosing the same file again (after a failure) is a change too.
          event.currentTarget.value = '';
        }}
      />
      {refusedId && (
        <ul id={refusedId} role="alert" className="field-error photo-errors">
          {refused.map((problem, i) => (
            <li key={i}>{problem}</li>
          ))}
        </ul>
      )}
      {errorId && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
      <div role="status">
        {uploads.length > 0 && (
          <ul className="photo-uploads">
            {uploads.map((upload) => (
              <li key={upload.key}>
                {upload.photo && (
                  <ProductImage image={upload.photo} variant="thumbnail" sizes="3rem" decorative />
                )}
                <span>
                  {upload.name}:{' '}
                  <span className={upload.detail ? 'field-error' : undefined}>
                    {phaseText[upload.phase]}
                    {upload.detail && ` ${upload.detail}`}
                  </span>
                </span>
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove ${upload.name}`}
                  onClick={() => photos.remove(upload.key)}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
