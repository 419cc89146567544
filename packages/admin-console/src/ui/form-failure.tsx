// A refused write shown where it belongs: the API's body field errors at their fields, the rest as one
// form-level message, and a stale version (409 version-conflict) with a "Reload" button.
import { ApiProblem, fieldErrors, problemMessage, problemSlug } from '@commerce/web-kit';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { errorText } from './status-views.tsx';

export interface FormFailure {
  readonly message: string;
  /** The resource changed since it was read: offer to read it again. */
  readonly stale: boolean;
}

/** Maps an API field name (`variants.0.sku`) to the form's field that shows it, or undefined for none. */
export type FieldResolver = (apiField: string) => string | undefined;

/** A resolver for forms whose fields are the body's: exact names or whole-name patterns. */
export function fieldsNamed(...names: readonly (string | RegExp)[]): FieldResolver {
  return (apiField) =>
    names.some((n) =>
      typeof n === 'string' ? n === apiField : new RegExp(`^(?:${n.source})$`).test(apiField),
    )
      ? apiField
      : undefined;
}

/** Puts field errors on the form and returns what is left for the form-level message. */
export function failureOf<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  resolve: FieldResolver,
): FormFailure {
  if (!(error instanceof ApiProblem)) return { message: errorText(error), stale: false };
  const problem = error.problem;
  const unplaced: string[] = [];
  for (const [apiField, detail] of fieldErrors(problem)) {
    const field = resolve(apiField);
    // The resolver only names fields this form registers, so the cast to its paths holds.
    if (field !== undefined) setError(field as Path<T>, { type: 'server', message: detail });
    else unplaced.push(`${apiField || 'body'}: ${detail}`);
  }
  const placed = (problem.errors ?? []).length > 0 && unplaced.length === 0;
  const stale = problem.status === 409 && problemSlug(problem) === 'version-conflict';
  const message = stale
    ? 'Someone changed this since you opened it. Reload to see the current version, then make your change again.'
    : placed
      ? 'Please correct the highlighted fields.'
      : [problemMessage(problem), ...unplaced].join(' ');
  return { message, stale };
}

export function FormAlert({ failure, onReload }: { failure: FormFailure | null; onReload?: () => void }) {
  if (!failure) return null;
  return (
    <div role="alert" className="alert alert-error">
      <p>{failure.message}</p>
      {failure.stale && onReload && (
        <button type="button" onClick={onReload}>
          Reload
        </button>
      )}
    </div>
  );
}

export function Saved({ message }: { message: string | null }) {
  return (
    <p role="status" className="saved">
      {message}
    </p>
  );
}
