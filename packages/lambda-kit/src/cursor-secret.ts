// The cursor codec for list routes; its signing key (CURSOR_SECRET_ARN, set by `bindCursorSecret`) is read
// from Secrets Manager on first use and kept for the life of the execution environment. A plain
// GetSecretValue: the Powertools parameters layer added 3.4 KB to every list route for a cache this module
// keeps itself.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { requireEnv } from './env.ts';
import { cursorCodec, type CursorCodec } from './pagination.ts';

/**
 * `cursors()` for a key source: reads the key once, on first use, and shares the codec; a failed read is not
 * kept, so the next call tries again.
 */
export function cursorsFrom(readKey: () => Promise<string>): () => Promise<CursorCodec> {
  let codec: Promise<CursorCodec> | undefined;
  return () => {
    if (!codec) {
      const pending = readKey().then(cursorCodec);
      pending.catch(() => {
        if (codec === pending) codec = undefined;
      });
      codec = pending;
    }
    return codec;
  };
}

const { CURSOR_SECRET_ARN } = requireEnv(['CURSOR_SECRET_ARN']);
// Built on first use, once per execution environment: most requests of a list route need it, but a cold
// start that fails before the first list request should not pay for it.
let secrets: SecretsManagerClient | undefined;

/** The codec signed with the key in CURSOR_SECRET_ARN. */
export const cursors = cursorsFrom(async () => {
  secrets ??= new SecretsManagerClient({});
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: CURSOR_SECRET_ARN }));
  if (typeof SecretString !== 'string') throw new Error('Cursor signing key is not a string secret');
  return SecretString;
});
