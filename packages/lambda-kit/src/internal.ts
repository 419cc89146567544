// The stack of internal functions: Lambda functions other services invoke synchronously (Lambda Invoke under
// IAM), not behind the API, each the callee side of one contract from @commerce/contracts. Validates the
// payload with the contract's request schema, runs the step, checks the answer against the contract's reply
// schema and answers it, or a typed error object shaped like the API's problem+json for a request that
// cannot be served ({ error: { status, type, title, detail, ... } }). Only our own failures are thrown: the
// invoke then reports a FunctionError and the caller may retry.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import {
  isInternalError,
  type InternalContract,
  type InternalProblem,
  type InternalResult,
} from '@commerce/contracts';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as core from 'zod/v4/core';
import { DomainError, UnprocessableError, ValidationError } from './errors.ts';
import { logger, metrics, publishMetrics } from './observability.ts';
import { problemType } from './problem.ts';
import { toFieldErrors } from './zod-errors.ts';

// The refusal shape lives with the contracts; re-exported so callers of the kit keep their imports.
export {
  internalProblemSchema,
  isInternalError,
  type InternalProblem,
  type InternalResult,
} from '@commerce/contracts';

/** Problem members a service adds for some of its errors. */
export type ProblemExtensions = (error: DomainError) => Readonly<Record<string, unknown>> | undefined;

export function problemOf(error: DomainError, extensions?: ProblemExtensions): { error: InternalProblem } {
  return {
    error: {
      status: error.status,
      type: problemType(error.problemType),
      title: error.title,
      detail: error.message,
      ...(error instanceof ValidationError ? { errors: error.errors } : {}),
      ...(error instanceof UnprocessableError && error.errors ? { errors: error.errors } : {}),
      ...extensions?.(error),
    },
  };
}

export interface InternalCallContext {
  /** The caller's correlation id, or this invocation's request id when it sent none. */
  readonly correlationId: string;
}

export interface InternalFunctionOptions {
  /** Extra problem members for some domain errors (inventory's `shortages`). */
  readonly extensions?: ProblemExtensions;
}

/** `quoteRates` → `QuoteRatesRefused`. */
const refusedMetric = (name: string): string => `${name.charAt(0).toUpperCase()}${name.slice(1)}Refused`;

/** The reply broke the contract: our bug, thrown so the invoke reports a FunctionError. */
export class ReplyContractError extends Error {}

/** An internal function's Lambda handler, stamped with the contract it serves (held to it by a test). */
export type InternalHandler<R> = ((event: unknown, context: Context) => Promise<InternalResult<R>>) & {
  /** `<service>.<name>`. */
  readonly contract: string;
};

/** Builds the Lambda handler of one internal function, the callee side of `contract`. */
export function internalFunction<Req extends core.$ZodType, Rep extends core.$ZodType<object>>(
  contract: InternalContract<Req, Rep>,
  handler: (input: core.output<Req>, context: InternalCallContext) => Promise<core.output<Rep>>,
  options: InternalFunctionOptions = {},
): InternalHandler<core.output<Rep>> {
  const metric = refusedMetric(contract.name);
  const lambdaHandler = middy<unknown, InternalResult<core.output<Rep>>>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics<unknown, InternalResult<core.output<Rep>>>())
    .handler(async (event, context) => {
      const parsed = core.safeParse(contract.request, event);
      let result: InternalResult<core.output<Rep>>;
      if (!parsed.success) {
        result = problemOf(new ValidationError(toFieldErrors('body', parsed.error.issues)));
      } else {
        const supplied = (parsed.data as { correlationId?: unknown }).correlationId;
        const correlationId = typeof supplied === 'string' ? supplied : context.awsRequestId;
        logger.appendKeys({ correlationId });
        try {
          result = await handler(parsed.data, { correlationId });
        } catch (error) {
          if (!(error instanceof DomainError)) {
            logger.error('Internal call failed', { error });
            throw error;
          }
          result = problemOf(error, options.extensions);
        }
        if (!isInternalError(result)) assertReply(contract, result);
      }
      if (isInternalError(result)) {
        logger.info('Internal call refused', { status: result.error.status, type: result.error.type });
        metrics.addMetric(metric, 'Count', 1);
      }
      return result;
    });
  return Object.assign(lambdaHandler, { contract: `${contract.service}.${contract.name}` });
}

function assertReply(contract: InternalContract, reply: unknown): void {
  const checked = core.safeParse(contract.reply, reply);
  if (checked.success) return;
  // Where and what, never the values: a reply may carry customer data.
  const issues = checked.error.issues.map((i) => `/${i.path.join('/')}: ${i.message}`);
  logger.error('Internal reply breaks its contract', { contract: contract.name, issues });
  throw new ReplyContractError(
    `${contract.service}.${contract.name} answered a reply its contract does not allow: ${issues.join('; ')}`,
  );
}
