// The search service's internal function: the reindex worker. The staff route starts a job and hands it
// over asynchronously; `npm run search -- reindex` calls it and waits for the answer. docs/search.md.
import * as z from 'zod/mini';
import { correlationIdSchema, defineInternal } from './define.ts';

export const searchRunReindex = defineInternal({
  service: 'search',
  name: 'runReindex',
  description:
    'Builds a new product index from the catalog, pricing and inventory and switches the read alias to it ' +
    'when complete. Runs the job `jobId` a staff route started, or starts one itself.',
  request: z.strictObject({
    jobId: z.optional(z.string().check(z.regex(/^rx_[a-z0-9]{1,20}$/))),
    correlationId: correlationIdSchema,
  }),
  reply: z.object({
    id: z.string(),
    status: z.enum(['running', 'completed', 'failed']),
    index: z.string(),
    startedAt: z.string(),
    finishedAt: z.optional(z.string()),
    documents: z.number(),
    error: z.optional(z.string()),
  }),
});
