// What a screen shows while its data loads or when the API refuses: a 403 is the same clean "Not allowed"
// page as a URL the person may not open, a 404 says what is missing, anything else offers a retry.
import { ApiProblem, problemMessage } from '@commerce/web-kit';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { JSX, ReactNode } from 'react';

export function NotAllowed(): JSX.Element {
  return (
    <section aria-labelledby="not-allowed-title" className="panel">
      <h1 id="not-allowed-title">Not allowed</h1>
      <p>Your account may not open this page. Ask an admin if you need it.</p>
      <p>
        <Link to="/">Back to the overview</Link>
      </p>
    </section>
  );
}

export function NotFound({ what }: { what: string }): JSX.Element {
  return (
    <section aria-labelledby="not-found-title" className="panel">
      <h1 id="not-found-title">Not found</h1>
      <p>{what}</p>
      <p>
        <Link to="/">Back to the overview</Link>
      </p>
    </section>
  );
}

export function Loading({ what }: { what: string }): JSX.Element {
  return (
    <p role="status" className="loading">
      Loading {what}…
    </p>
  );
}

export function statusOf(error: unknown): number | undefined {
  return error instanceof ApiProblem ? error.problem.status : undefined;
}

export function errorText(error: unknown): string {
  if (error instanceof ApiProblem) return problemMessage(error.problem);
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

export function ErrorView({ error, what, retry }: { error: unknown; what: string; retry?: () => void }) {
  const status = statusOf(error);
  if (status === 403) return <NotAllowed />;
  return (
    <div role="alert" className="alert alert-error">
      <p>
        Could not load {what}: {errorText(error)}
      </p>
      {status === 401 && <p>Your session may have ended: sign out and sign in again.</p>}
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Loading, error or the data of one query; `missing` words a 404 when the screen has a better sentence. */
export function QueryView<T>(props: {
  query: UseQueryResult<T>;
  what: string;
  missing?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { query, what } = props;
  if (query.isPending) return <Loading what={what} />;
  if (query.isError) {
    if (props.missing !== undefined && statusOf(query.error) === 404) return <>{props.missing}</>;
    return <ErrorView error={query.error} what={what} retry={() => void query.refetch()} />;
  }
  return <>{props.children(query.data)}</>;
}
