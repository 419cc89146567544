// The single-use codes' wiring: their use cases over the batches' store, and the hand-over to the
// generator (a Lambda Event invocation of internal `generateCodes`, which runs up to 15 minutes and hands
// over in turn).
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { promotionsGenerateCodes } from '@commerce/contracts';
import { CodeBatches } from './code-batches.ts';
import { DynamoCodeBatchStore } from './code-store.ts';
import { db, env, promotions } from './runtime.ts';

let lambda: LambdaClient | undefined;

/** Starts the generator on the batch without waiting for it. */
async function handOver(promotionId: string, batchId: string, correlationId: string): Promise<void> {
  const functionName = process.env[promotionsGenerateCodes.functionEnv];
  if (!functionName) throw new Error(`${promotionsGenerateCodes.functionEnv} is not set`);
  await (lambda ??= new LambdaClient({})).send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'Event',
      Payload: Buffer.from(JSON.stringify({ promotionId, batchId, correlationId })),
    }),
  );
}

export const codeBatches = new CodeBatches({
  promotion: (id) => promotions.get(id),
  store: new DynamoCodeBatchStore(db, env.TABLE_NAME),
  handOver,
});
