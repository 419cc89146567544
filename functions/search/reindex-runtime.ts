// The reindex's wiring: the job's use case over the projection, the index and the owning services, and the
// asynchronous hand-over from the staff route to the worker (a Lambda Event invocation).
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { searchRunReindex } from '@commerce/contracts';
import { Reindexer } from './reindex.ts';
import { engine, env, indexer, projection, settings } from './runtime.ts';
import { serviceSources } from './sources.ts';

export function reindexer(correlationId: string | undefined): Reindexer {
  return new Reindexer({
    projection,
    settings,
    engine,
    indexer,
    source: serviceSources(correlationId),
    prefix: env.SEARCH_INDEX_PREFIX,
  });
}

let lambda: LambdaClient | undefined;

/** Hands a started job to the worker without waiting for it (the worker runs up to 15 minutes). */
export async function handOver(jobId: string, correlationId: string): Promise<void> {
  const functionName = process.env[searchRunReindex.functionEnv];
  if (!functionName) throw new Error(`${searchRunReindex.functionEnv} is not set`);
  await (lambda ??= new LambdaClient({})).send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'Event',
      Payload: Buffer.from(JSON.stringify({ jobId, correlationId })),
    }),
  );
}
