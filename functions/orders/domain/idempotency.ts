// Idempotency-Key rules for POST /checkout and friends: what a valid key is, the fingerprint that tells a
// retry from a different request under the same key, and what to do with a key already seen. Pure; no AWS.
import { createHash } from 'node:crypto';
import { ConflictError, UnprocessableError, ValidationError } from '@commerce/lambda-kit/errors';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** 1 to 255 visible ASCII characters (0x21-0x7E): no spaces, no control characters, no non-ASCII. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

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

/** What the store keeps per key (scoped to the caller, so two customers' keys never collide). */
export interface IdempotencyRecord<TResponse = unknown> {
  readonly key: string;
  readonly fingerprint: string;
  /** in_progress: a first request holds the key and has not answered yet. */
  readonly status: 'in_progress' | 'completed';
  /** The first answer, replayed to every retry. */
  readonly response?: TResponse;
  /** ISO 8601; after it the key is forgotten (and may be used again). */
  readonly expiresAt: string;
}

export type IdempotencyDecision<TResponse> =
  { readonly kind: 'proceed' } | { readonly kind: 'replay'; readonly response: TResponse };

/**
 * What to do with a request carrying a key: go ahead when the key is new or expired, replay the first answer
 * for a retry of the same request, 422 `idempotency-key-reused` when the body differs, 409
 * `idempotency-request-in-progress` when the first request has not finished (the client retries later).
 */
export function idempotencyDecision<TResponse>(
  record: IdempotencyRecord<TResponse> | undefined,
  fingerprint: string,
  now: Date,
): IdempotencyDecision<TResponse> {
  if (record === undefined || Date.parse(record.expiresAt) <= now.getTime()) return { kind: 'proceed' };
  if (record.fingerprint !== fingerprint) {
    throw new UnprocessableError(
      'This Idempotency-Key was already used with a different request body.',
      'idempotency-key-reused',
    );
  }
  if (record.status === 'in_progress' || record.response === undefined) {
    throw new ConflictError(
      'A request with this Idempotency-Key is still being processed; retry shortly.',
      'idempotency-request-in-progress',
    );
  }
  return { kind: 'replay', response: record.response };
}
