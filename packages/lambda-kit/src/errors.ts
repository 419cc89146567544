// Typed domain errors. Domain code throws these; the HTTP stack maps each to one status and problem type.
// This module imports nothing from AWS so pure domain code can use it.

export interface FieldError {
  /** Where the offending value is: the body, the query string, the path or a header. */
  readonly in: 'body' | 'query' | 'path' | 'header';
  /** JSON pointer (RFC 6901) to the offending value inside that location. */
  readonly pointer: string;
  readonly detail: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  /** Stable problem type slug; becomes `urn:commerce:problem:<slug>`. */
  abstract readonly problemType: string;
  abstract readonly title: string;
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly problemType = 'not-found';
  readonly title = 'Resource not found';
}

/** The caller is not signed in (the authorizer normally answers this before a handler runs). */
export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly problemType = 'unauthorized';
  readonly title = 'Authentication required';
}

/** The caller is signed in but may not do this to this object (not theirs, not allowed for their role). */
export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly problemType: string;
  readonly title = 'Forbidden';
  constructor(message: string, problemType = 'forbidden') {
    super(message);
    this.problemType = problemType;
  }
}

/** The caller used up an allowance (uploads a day); `retryAfterSeconds` says when it renews. */
export class QuotaExceededError extends DomainError {
  readonly status = 429;
  readonly problemType: string;
  readonly title = 'Too many requests';
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number, problemType = 'quota-exceeded') {
    super(message);
    this.problemType = problemType;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly problemType: string;
  readonly title = 'Conflict';
  constructor(message: string, problemType = 'conflict') {
    super(message);
    this.problemType = problemType;
  }
}

/** The resource changed since the client read it (optimistic concurrency). */
export class VersionConflictError extends ConflictError {
  constructor(message = 'The resource was changed by someone else; read it again and retry.') {
    super(message, 'version-conflict');
  }
}

export class UnprocessableError extends DomainError {
  readonly status = 422;
  readonly problemType: string;
  readonly title = 'Unprocessable request';
  /** The fields the refusal is about, when it is about some (rendered like a ValidationError's). */
  readonly errors?: readonly FieldError[];
  constructor(message: string, problemType = 'unprocessable', errors?: readonly FieldError[]) {
    super(message);
    this.problemType = problemType;
    if (errors !== undefined && errors.length > 0) this.errors = errors;
  }
}

/** Input that is not valid (400), with field-level detail: what the request's schema refuses. */
export class ValidationError extends DomainError {
  readonly status: 400 | 422 = 400;
  readonly problemType: string = 'validation-error';
  readonly title: string = 'The request is not valid';
  readonly errors: readonly FieldError[];
  constructor(errors: readonly FieldError[], message = 'One or more fields are not valid.') {
    super(message);
    this.errors = errors;
  }
}

/** Concurrent writes kept colliding on the same items after retries; the client may simply try again. */
export class ContentionError extends DomainError {
  readonly status = 503;
  readonly problemType = 'contention';
  readonly title = 'Busy, try again';
  constructor(message = 'Others are changing the same data right now; try again in a moment.') {
    super(message);
  }
}

/**
 * Well-formed input that breaks a rule no schema can state (one field after another, an entry twice, a
 * rate without its display mode): 422, with field-level detail like a schema failure. The document lists
 * 422 on the routes that can answer it, so a request the document allows is never refused with 400.
 */
export class RuleViolationError extends ValidationError {
  override readonly status = 422;
  override readonly problemType = 'rule-violation';
  override readonly title = 'The request breaks a rule';
  constructor(errors: readonly FieldError[], message = 'One or more fields break a rule.') {
    super(errors, message);
  }
}
