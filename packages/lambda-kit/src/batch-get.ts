// BatchGetItem for any number of keys of one table: chunks of 100 (the API's limit) read in parallel, and
// the keys DynamoDB leaves unprocessed (throttling, the 16 MB response cap) asked again with exponential
// backoff, a bounded number of times.
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';

/** The most keys one BatchGetItem takes. */
const BATCH_GET_MAX_KEYS = 100;
/** How often a chunk is asked for before its unprocessed keys count as a failure. */
const BATCH_GET_MAX_ATTEMPTS = 5;

type Key = Record<string, unknown>;

/** Every item found for `keys` (missing keys are simply absent), in no particular order. */
export async function batchGetAll(
  db: DynamoDBDocumentClient,
  table: string,
  keys: readonly Key[],
  options: { readonly consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const chunks: Key[][] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_MAX_KEYS)
    chunks.push(keys.slice(i, i + BATCH_GET_MAX_KEYS));
  return (
    await Promise.all(chunks.map((chunk) => batchGetChunk(db, table, chunk, options.consistent === true)))
  ).flat();
}

async function batchGetChunk(
  db: DynamoDBDocumentClient,
  table: string,
  keys: readonly Key[],
  consistent: boolean,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let pending = keys;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > BATCH_GET_MAX_ATTEMPTS) throw new Error('BatchGetItem left keys unprocessed');
    if (attempt > 1) await sleep(20 * 2 ** attempt);
    const out = await db.send(
      new BatchGetCommand({
        RequestItems: { [table]: { Keys: [...pending], ...(consistent ? { ConsistentRead: true } : {}) } },
      }),
    );
    items.push(...(out.Responses?.[table] ?? []));
    pending = out.UnprocessedKeys?.[table]?.Keys ?? [];
  }
  return items;
}
