// Internal `runReindex` (contract: searchRunReindex): runs the job a staff route started, or starts one and
// runs it (`npm run search -- reindex`); answers the finished job. 409 while another job runs.
import { searchRunReindex } from '@commerce/contracts';
import { ConflictError } from '@commerce/lambda-kit/errors';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { reindexer } from '../reindex-runtime.ts';

export const handler = internalFunction(searchRunReindex, async ({ jobId, correlationId }) => {
  const work = reindexer(correlationId);
  if (jobId === undefined) return work.run(await work.start());
  const job = await work.status();
  if (!job || job.id !== jobId || job.status !== 'running') {
    throw new ConflictError(`Job ${jobId} is not the running job.`, 'reindex-not-running');
  }
  return work.run(job);
});
