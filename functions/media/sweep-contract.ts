// The sweep's contract: run on a schedule (and by operators); no other service calls it, so it lives here.
import { correlationIdSchema, defineInternal } from '@commerce/contracts';
import * as z from 'zod/mini';

export const mediaSweep = defineInternal({
  service: 'media',
  name: 'sweep',
  description: 'deletes the files of images nothing shows once their grace period is over (scheduled)',
  request: z.looseObject({
    limit: z._default(z.number().check(z.int(), z.gte(1), z.lte(1000)), 100),
    correlationId: correlationIdSchema,
  }),
  reply: z.object({ purged: z.number().check(z.int(), z.nonnegative()) }),
});
