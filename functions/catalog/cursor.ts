// The cursor codec for list routes; its signing key is read from Secrets Manager once and cached.
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { loadEnv } from '@commerce/lambda-kit/env';
import { cursorCodec, type CursorCodec } from '@commerce/lambda-kit/pagination';
import * as z from 'zod';

const { CURSOR_SECRET_ARN } = loadEnv(z.object({ CURSOR_SECRET_ARN: z.string().min(1) }));

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
