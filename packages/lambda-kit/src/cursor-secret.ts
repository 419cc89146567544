// The cursor codec for list routes; its signing key (CURSOR_SECRET_ARN, set by `bindCursorSecret`) is read
// from Secrets Manager on first use and cached.
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { requireEnv } from './env.ts';
import { cursorCodec, type CursorCodec } from './pagination.ts';

const { CURSOR_SECRET_ARN } = requireEnv(['CURSOR_SECRET_ARN']);

let codec: Promise<CursorCodec> | undefined;

export function cursors(): Promise<CursorCodec> {
  codec ??= getSecret<string>(CURSOR_SECRET_ARN, { maxAge: 3600 }).then((secret) => {
    if (typeof secret !== 'string') throw new Error('Cursor signing key is not a string secret');
    return cursorCodec(secret);
  });
  // A failed read is not cached: the next request tries again.
  codec.catch(() => {
    codec = undefined;
  });
  return codec;
}
