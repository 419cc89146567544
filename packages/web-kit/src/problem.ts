// problem+json answers in the apps: the message to show, and the field errors put where they belong.
import type { Problem } from '@commerce/api-client';

export type { Problem } from '@commerce/api-client';

export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).type === 'string' &&
    typeof (value as Problem).status === 'number'
  );
}

/** The slug of `urn:commerce:problem:<slug>`. */
export function problemSlug(problem: Problem): string {
  return problem.type.replace(/^urn:commerce:problem:/, '');
}

/**
 * Body field errors keyed by a form field name: the JSON pointer `/address/line1` becomes `address.line1`
 * (react-hook-form's path syntax). Errors not about the body are left to the form-level message.
 */
export function fieldErrors(problem: Problem): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of problem.errors ?? []) {
    if (e.in !== 'body') continue;
    const name = e.pointer
      .split('/')
      .slice(1)
      .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
      .join('.');
    if (!out.has(name)) out.set(name, e.detail);
  }
  return out;
}

/** A one-line message for a problem: its detail, else its title, with the correlation id to quote. */
export function problemMessage(problem: Problem): string {
  const text = problem.detail ?? problem.title;
  return problem.correlationId ? `${text} (reference ${problem.correlationId})` : text;
}

/** Thrown by `must()` so React Query and error boundaries see the API's problem. */
export class ApiProblem extends Error {
  override name = 'ApiProblem';
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problemMessage(problem));
    this.problem = problem;
  }
}

/** The problem of a failed answer: its problem+json body, or one made up when the body is not one. */
export function problemOf(error: unknown, response: Response): Problem {
  return isProblem(error)
    ? error
    : { type: 'about:blank', title: response.statusText || 'Request failed', status: response.status };
}

/**
 * The data of an openapi-fetch result, or an ApiProblem with the answer's problem (a problem is made up when
 * the body is not one, e.g. a gateway's own 502).
 */
export function must<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error === undefined && result.response.ok) return result.data as T;
  throw new ApiProblem(problemOf(result.error, result.response));
}
