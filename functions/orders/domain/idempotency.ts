// Idempotency-Key rules for POST /checkout and friends: what a valid key is, the fingerprint that tells a
// retry from a different request under the same key, the record kept per key and where it stands (live,
// finished, abandoned, expired), and what to do with a key already seen. Pure; no AWS.
import { createHash } from 'node:crypto';
import { ConflictError, UnprocessableError, ValidationError } from '@commerce/lambda-kit/errors';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** 1 to 255 visible ASCII characters (0x21-0x7E): no spaces, no control characters, no non-ASCII. */
export const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export function isValidIdempotencyKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** Returns the key when it is well formed; otherwise a 400 naming the header. */
export function assertIdempotencyKey(key: string | undefined): string {
  if (key !== undefined && isValidIdempotencyKey(key)) return key;
  throw new ValidationError([
    {
      in: 'header',
      pointer: `/${IDEMPOTENCY_HEADER}`,
      detail:
        key === undefined
          ? 'This request needs an Idempotency-Key header.'
          : 'Must be 1 to 255 visible ASCII characters (no spaces).',
    },
  ]);
}

/**
 * JSON with object keys sorted (by UTF-16 code unit, as in RFC 8785) at every depth and no whitespace, so
 * two bodies that differ only in key order or formatting serialise the same. Arrays keep their order.
 * Object members whose value is undefined are left out, as JSON.stringify does; numbers use the
 * ECMAScript form (also RFC 8785's). Not-JSON values (functions, symbols, bigints, non-finite numbers)
 * throw, so a fingerprint never silently ignores part of a request.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('Non-finite numbers have no JSON form.');
      return JSON.stringify(value);
    case 'object': {
      const withJson = value as { toJSON?: () => unknown };
      if (typeof withJson.toJSON === 'function') return canonicalJson(withJson.toJSON());
      if (Array.isArray(value)) {
        return `[${value.map((item: unknown) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
      }
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`A ${typeof value} has no JSON form.`);
  }
}

/**
 * SHA-256 (hex) of the canonical JSON of the parsed body: stored with the key, compared on every retry.
 * A request without a body fingerprints as `null`.
 */
export function requestFingerprint(body: unknown): string {
  return createHash('sha256')
    .update(canonicalJson(body ?? null), 'utf8')
    .digest('hex');
}

/** How long a key is remembered (its record expires after this). */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * What the store keeps per key (scoped to the caller, so two customers' keys never collide). Times are epoch
 * milliseconds, all of them.
 */
export interface IdempotencyRecord<TOutcome> {
  readonly fingerprint: string;
  /** in_progress: a request holds the key and has not finished; completed: `outcome` is its result. */
  readonly status: 'in_progress' | 'completed';
  /** The first request's outcome, replayed to every retry. */
  readonly outcome?: TOutcome;
  /** Until then a request in progress holds the key; after it a retry may take the request over. */
  readonly leaseUntil: number;
  /** After it the key is forgotten (and may be used again). */
  readonly expiresAt: number;
}

/**
 * Where a key stands at `now`:
 * - live: a request holds it and its lease runs;
 * - finished: the request completed, its outcome is kept;
 * - abandoned: in progress, but the lease ran out (the request died half way): a retry may resume it;
 * - expired: forgotten, the key is free.
 */
export type IdempotencyState = 'live' | 'finished' | 'abandoned' | 'expired';

export function idempotencyState(record: IdempotencyRecord<unknown>, now: Date): IdempotencyState {
  const at = now.getTime();
  if (record.expiresAt <= at) return 'expired';
  if (record.status === 'completed') return 'finished';
  return record.leaseUntil <= at ? 'abandoned' : 'live';
}

export type IdempotencyDecision<R extends IdempotencyRecord<unknown>> =
  | { readonly kind: 'proceed' }
  | { readonly kind: 'replay'; readonly outcome: NonNullable<R['outcome']> }
  | { readonly kind: 'resume'; readonly record: R };

/**
 * What to do with a request carrying a key: go ahead when the key is new or expired, replay the first outcome
 * for a retry of the same request, resume a request of the same body whose holder died (abandoned), 422
 * `idempotency-key-reused` when the body differs, 409 `idempotency-request-in-progress` while the first
 * request still runs (the client retries later).
 */
export function idempotencyDecision<R extends IdempotencyRecord<unknown>>(
  record: R | undefined,
  fingerprint: string,
  now: Date,
): IdempotencyDecision<R> {
  const state = record === undefined ? 'expired' : idempotencyState(record, now);
  if (record === undefined || state === 'expired') return { kind: 'proceed' };
  if (record.fingerprint !== fingerprint) {
    throw new UnprocessableError(
      'This Idempotency-Key was already used with a different request body.',
      'idempotency-key-reused',
    );
  }
  if (state === 'abandoned') return { kind: 'resume', record };
  if (state === 'live' || record.outcome === undefined || record.outcome === null) {
    throw new ConflictError(
      'A request with this Idempotency-Key is still being processed; retry shortly.',
      'idempotency-request-in-progress',
    );
  }
  return { kind: 'replay', outcome: record.outcome };
}
