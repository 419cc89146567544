// How every page says "loading" and "that failed": one live region for progress, one alert for errors, with
// the API's own message (and its correlation id to quote) when there is one.
import { ApiProblem } from '@commerce/web-kit';

export function errorText(error: unknown): string {
  if (error instanceof ApiProblem) return error.message;
  if (error instanceof TypeError)
    return 'The shop could not be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="status" role="status">
      Loading {what}…
    </p>
  );
}

export function LoadError({ what, error, retry }: { what: string; error: unknown; retry?: () => void }) {
  return (
    <div className="alert" role="alert">
      <p>
        Could not load {what}: {errorText(error)}
      </p>
      {retry && (
        <button type="button" className="secondary" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}
