// The product form's images: a drop zone with a real file input, each chosen file checked here (type, size,
// how many) and uploaded straight to the media bucket (web-kit's uploadImage) with its state in a live
// region, and the ready images as an ordered list (the first is the main one) with alt text, Move up, Move
// down and Remove. The list is the form's `media`; the uploads in flight are its `pendingImages` (a save
// needs none).
import { IMAGE_TYPES, imageFileProblem, PRODUCT_IMAGE_UPLOAD, uploadImage } from '@commerce/web-kit';
import { useEffect, useId, useRef, useState, type DragEvent, type JSX } from 'react';
import { useFieldArray, useWatch, type UseFormReturn } from 'react-hook-form';
import { useConsole } from '../../app/console.tsx';
import { Field } from '../../ui/field.tsx';
import { errorText } from '../../ui/status-views.tsx';
import { MAX_PRODUCT_IMAGES, webpThumbnail } from './media-upload.ts';
import type { ProductFormValues } from './product-form.tsx';

type Phase = 'uploading' | 'processing' | 'ready' | 'rejected' | 'failed';

/** One chosen file on its way to being an image of the product. */
interface Upload {
  readonly key: number;
  readonly name: string;
  readonly phase: Phase;
  /** Why it was rejected or failed. */
  readonly detail?: string;
}

const maxMebibytes = PRODUCT_IMAGE_UPLOAD.maxBytes / 1_048_576;

const inFlight = (u: Upload) => u.phase === 'uploading' || u.phase === 'processing';

const phaseText: Record<Phase, string> = {
  uploading: 'Uploading…',
  processing: 'Processing…',
  ready: 'Ready: added to the images.',
  rejected: 'Rejected:',
  failed: 'Upload failed:',
};

/** Which button gets the focus after a move or removal, once the list has rendered. */
interface FocusRequest {
  readonly key: string;
  readonly button: 'up' | 'down' | 'remove';
}

export function ProductImages({
  form,
  earlierImages,
}: {
  form: UseFormReturn<ProductFormValues>;
  /** How many of the product's images are from before the media service (no id, nothing to show). */
  earlierImages: number;
}): JSX.Element {
  const { client } = useConsole();
  const id = useId();
  const { control, register, formState, setValue, clearErrors } = form;
  const errors = formState.errors;
  const images = useFieldArray({ control, name: 'media' });
  const media = useWatch({ control, name: 'media' });
  const [uploads, setUploads] = useState<readonly Upload[]>([]);
  const [refused, setRefused] = useState<readonly string[]>([]);
  const [notice, setNotice] = useState('');
  const [dragging, setDragging] = useState(false);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const controllers = useRef(new Map<number, AbortController>());
  const nextKey = useRef(1);

  // Leaving the page stops every upload and wait it started.
  useEffect(() => {
    const running = controllers.current;
    return () => running.forEach((controller) => controller.abort());
  }, []);

  const pending = uploads.filter(inFlight).length;
  useEffect(() => {
    setValue('pendingImages', pending);
    if (pending === 0) clearErrors('pendingImages');
  }, [pending, setValue, clearErrors]);

  useEffect(() => {
    if (!focus) return;
    document.getElementById(`${id}-${focus.key}-${focus.button}`)?.focus();
    setFocus(null);
  }, [focus, id]);

  const update = (key: number, change: Partial<Upload>) =>
    setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const start = (file: File) => {
    const key = nextKey.current++;
    const controller = new AbortController();
    controllers.current.set(key, controller);
    setUploads((all) => [...all, { key, name: file.name, phase: 'uploading' }]);
    uploadImage(client, PRODUCT_IMAGE_UPLOAD, file, {
      signal: controller.signal,
      onProcessing: () => update(key, { phase: 'processing' }),
    })
      .then((outcome) => {
        if (outcome.status === 'rejected') {
          update(key, { phase: 'rejected', detail: outcome.detail });
          return;
        }
        images.append(
          { mediaId: outcome.image.id, alt: '', thumbnail: webpThumbnail(outcome.image) },
          { shouldFocus: false },
        );
        update(key, { phase: 'ready' });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) update(key, { phase: 'failed', detail: errorText(error) });
      })
      .finally(() => controllers.current.delete(key));
  };

  /** Checks each file as the API would and starts the uploads of those that pass. */
  const add = (files: FileList | null) => {
    const chosen = [...(files ?? [])];
    if (chosen.length === 0) return;
    const problems: string[] = [];
    let room = MAX_PRODUCT_IMAGES - images.fields.length - pending;
    for (const file of chosen) {
      const problem = imageFileProblem(file, PRODUCT_IMAGE_UPLOAD);
      if (problem) {
        problems.push(problem);
      } else if (room <= 0) {
        problems.push(`${file.name}: a product shows at most ${MAX_PRODUCT_IMAGES} images.`);
      } else {
        room -= 1;
        start(file);
      }
    }
    setRefused(problems);
    setNotice('');
  };

  const stop = (upload: Upload) => {
    controllers.current.get(upload.key)?.abort();
    setUploads((all) => all.filter((u) => u.key !== upload.key));
    setNotice(inFlight(upload) ? `Cancelled the upload of ${upload.name}.` : '');
  };

  const disabled = () => input.current?.matches(':disabled') ?? true;
  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (disabled() || !event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDragLeave = (event: DragEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!disabled()) add(event.dataTransfer.files);
  };

  const position = (index: number) => (index === 0 ? 'position 1, the main image' : `position ${index + 1}`);
  const move = (from: number, to: number) => {
    const key = images.fields[from]?.id;
    if (!key) return;
    images.move(from, to);
    setNotice(`Moved image ${from + 1} to ${position(to)}.`);
    // The focus stays on the button pressed while it can still move the image that way, else the other one.
    const last = images.fields.length - 1;
    setFocus({ key, button: to < from ? (to > 0 ? 'up' : 'down') : to < last ? 'down' : 'up' });
  };
  const remove = (index: number) => {
    const next = images.fields[index + 1] ?? images.fields[index - 1];
    images.remove(index);
    setNotice(`Removed image ${index + 1}.`);
    if (next) setFocus({ key: next.id, button: 'remove' });
    else input.current?.focus();
  };

  const them = earlierImages === 1 ? 'it' : 'them';
  const inputError = refused.length > 0 ? `${id}-refused` : undefined;
  const pendingError = errors.pendingImages?.message;
  return (
    <fieldset>
      <legend>Images</legend>
      <p className="hint">
        The first image is the main one: the shop shows it in lists and at the top of the product page.
      </p>
      {earlierImages > 0 && (
        <p className="banner">
          This product also has {earlierImages === 1 ? 'one image' : `${earlierImages} images`} from before
          image uploads, which cannot be shown here. Changing the images below removes {them}; upload {them}{' '}
          again to keep {them}.
        </p>
      )}

      {images.fields.length === 0 ? (
        <p className="hint">No images yet.</p>
      ) : (
        <ol className="cards" aria-label="Images in the order shown">
          {images.fields.map((field, i) => (
            <li key={field.id}>
              <fieldset>
                <legend>{i === 0 ? 'Image 1: main image' : `Image ${i + 1}`}</legend>
                {field.thumbnail && (
                  <img src={field.thumbnail} alt={media[i]?.alt ?? ''} width={160} height={160} />
                )}
                <Field
                  label="Alt text"
                  hint="What the image shows, for people who cannot see it."
                  error={errors.media?.[i]?.alt?.message ?? errors.media?.[i]?.mediaId?.message}
                >
                  {(c) => <input {...c} {...register(`media.${i}.alt`)} autoComplete="off" />}
                </Field>
                <div className="actions">
                  <button
                    type="button"
                    id={`${id}-${field.id}-up`}
                    disabled={i === 0}
                    onClick={() => move(i, i - 1)}
                  >
                    Move up
                  </button>
                  <button
                    type="button"
                    id={`${id}-${field.id}-down`}
                    disabled={i === images.fields.length - 1}
                    onClick={() => move(i, i + 1)}
                  >
                    Move down
                  </button>
                  <button
                    type="button"
                    id={`${id}-${field.id}-remove`}
                    className="link-button danger"
                    onClick={() => remove(i)}
                  >
                    Remove
                  </button>
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
      )}
      {errors.media?.message && <small className="field-error">{errors.media.message}</small>}

      <div
        className={dragging ? 'panel drop-zone dragging' : 'panel drop-zone'}
        onDragOver={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
      >
        <p className="hint" id={`${id}-hint`}>
          Drop images here or choose them: JPEG, PNG, WebP, AVIF or GIF, up to {maxMebibytes} MiB each,{' '}
          {MAX_PRODUCT_IMAGES} images at most.
        </p>
        <div className="field">
          <label htmlFor={`${id}-files`}>Choose images</label>
          <input
            ref={input}
            id={`${id}-files`}
            type="file"
            accept={IMAGE_TYPES.join(',')}
            multiple
            aria-describedby={[`${id}-hint`, inputError].filter(Boolean).join(' ')}
            aria-invalid={inputError !== undefined}
            onChange={(event) => {
              add(event.currentTarget.files);
              // Cleared, so choosing the same file again (after a failure) is a change too.
              event.currentTarget.value = '';
            }}
          />
        </div>
        {refused.length > 0 && (
          <ul id={inputError} role="alert" className="field-error">
            {refused.map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
        )}
      </div>

      <div role="status" aria-atomic="false">
        {uploads.length > 0 && (
          <ul aria-label="Uploads">
            {uploads.map((upload) => (
              <li key={upload.key}>
                <span className="mono">{upload.name}</span>:{' '}
                <span className={upload.detail ? 'field-error' : undefined}>
                  {phaseText[upload.phase]}
                  {upload.detail && ` ${upload.detail}`}
                </span>{' '}
                <button
                  type="button"
                  className="link-button"
                  aria-label={`${inFlight(upload) ? 'Cancel' : 'Dismiss'} ${upload.name}`}
                  onClick={() => stop(upload)}
                >
                  {inFlight(upload) ? 'Cancel' : 'Dismiss'}
                </button>
              </li>
            ))}
          </ul>
        )}
        {notice && <p>{notice}</p>}
      </div>
      {pendingError && (
        <p role="alert" className="field-error">
          {pendingError}
        </p>
      )}
    </fieldset>
  );
}
