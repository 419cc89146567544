// The cursor of the internal product export: the table key the next Scan page starts after, bound to the
// export's scope, base64url JSON. Not signed, unlike the list routes' cursors: only internal callers (IAM)
// hold one, internal functions get no cursor key, and a forged one could only move where a Scan starts whose
// filter admits nothing but product items, all of which the export hands that caller anyway. Decoding still
// refuses anything but a catalog table key (a 400, never a DynamoDB error). Pure; no AWS.
import { ValidationError } from '@commerce/lambda-kit/errors';
import type { CursorCodec, StartKey } from '@commerce/lambda-kit/pagination';

function invalidCursor(): ValidationError {
  return new ValidationError([
    { in: 'body', pointer: '/cursor', detail: 'The cursor is not one this export issued.' },
  ]);
}

/** A key of the catalog table: exactly its partition and sort key, both strings. */
function isTableKey(value: unknown): value is StartKey {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const names = Object.keys(value).sort();
  const { pk, sk } = value as { pk?: unknown; sk?: unknown };
  return names.join(',') === 'pk,sk' && typeof pk === 'string' && typeof sk === 'string';
}

export const exportCursors: CursorCodec = {
  encode(key, scope) {
    if (!key) return undefined;
    return Buffer.from(JSON.stringify({ s: scope, k: key })).toString('base64url');
  },
  decode(cursor, scope) {
    if (cursor === undefined) return undefined;
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor();
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw invalidCursor();
    }
    const { s, k } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as {
      s?: unknown;
      k?: unknown;
    };
    if (s !== scope || !isTableKey(k)) throw invalidCursor();
    return k;
  },
};
