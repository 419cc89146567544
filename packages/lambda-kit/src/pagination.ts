// Cursor pagination: a cursor is the DynamoDB LastEvaluatedKey, bound to the query it came from and signed
// with HMAC-SHA256, then base64url encoded. Clients cannot read meaning into it or forge one.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from './errors.ts';

export type StartKey = Record<string, string | number>;

export interface CursorCodec {
  encode(key: StartKey | undefined, scope: string): string | undefined;
  /** Throws a ValidationError (400, field `cursor` in the query) when the cursor is not one we issued for this scope. */
  decode(cursor: string | undefined, scope: string): StartKey | undefined;
}

function invalidCursor(): ValidationError {
  return new ValidationError([
    { in: 'query', pointer: '/cursor', detail: 'The cursor is not valid for this query.' },
  ]);
}

/** Builds a codec from a signing key (at least 32 bytes of secret). */
export function cursorCodec(secret: string | Buffer): CursorCodec {
  if (Buffer.byteLength(secret) < 32) throw new Error('Cursor signing key must be at least 32 bytes');
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest();

  return {
    encode(key, scope) {
      if (!key) return undefined;
      const payload = Buffer.from(JSON.stringify({ s: scope, k: key })).toString('base64url');
      return `${payload}.${sign(payload).toString('base64url')}`;
    },
    decode(cursor, scope) {
      if (cursor === undefined) return undefined;
      const [payload, mac, extra] = cursor.split('.');
      if (!payload || !mac || extra !== undefined) throw invalidCursor();
      const expected = sign(payload);
      const given = Buffer.from(mac, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor();
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        throw invalidCursor();
      }
      const { s, k } = (parsed ?? {}) as { s?: unknown; k?: unknown };
      if (s !== scope || typeof k !== 'object' || k === null) throw invalidCursor();
      return k as StartKey;
    },
  };
}

/** A page as a store reads it: the items and where the next page starts (none on the last page). */
export interface StoredPage<T> {
  readonly items: readonly T[];
  readonly lastKey?: StartKey | undefined;
}

/** A page as a list route answers it: the items and, unless it is the last page, the signed next cursor. */
export interface PageBody<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

/**
 * One page of a list route: decodes the client's cursor for `scope` (400 when it is not one we issued for
 * it), loads the page from there and signs the next cursor for the same scope.
 */
export async function paginate<T>(
  codec: CursorCodec,
  scope: string,
  cursor: string | undefined,
  load: (start: StartKey | undefined) => Promise<StoredPage<T>>,
): Promise<PageBody<T>> {
  const page = await load(codec.decode(cursor, scope));
  const nextCursor = codec.encode(page.lastKey, scope);
  return { items: page.items, ...(nextCursor ? { nextCursor } : {}) };
}
