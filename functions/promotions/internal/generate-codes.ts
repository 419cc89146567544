// Internal `generateCodes` (contract: promotionsGenerateCodes in @commerce/contracts): writes a batch of
// single-use codes from where it stands, invoked asynchronously by the route that started it or by itself:
// with less than a minute of its Lambda time left, it hands the rest to a new invocation. Answers the batch
// as it left it.
import { promotionsGenerateCodes } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import type { Context } from 'aws-lambda';
import { codeBatches } from '../code-runtime.ts';

/** The running invocation's Lambda context, for its remaining time (the kit passes the handler the input). */
let invocation: Context | undefined;

const generate = internalFunction(promotionsGenerateCodes, ({ promotionId, batchId }, { correlationId }) =>
  codeBatches.generate(promotionId, batchId, () => invocation!.getRemainingTimeInMillis(), correlationId),
);

export const handler = Object.assign(
  (event: unknown, context: Context) => {
    invocation = context;
    return generate(event, context);
  },
  { contract: generate.contract },
);
