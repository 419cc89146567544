// The stack of internal functions: Lambda functions other services invoke synchronously (Lambda Invoke
// under IAM), not behind the API. Validates the payload with zod, runs the step, and answers its result,
// or a typed error object shaped like the API's problem+json for a request that cannot be served
// ({ error: { status, type, title, detail, ... } }). Only our own failures are thrown: the invoke then
// reports a FunctionError and the caller may retry.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type * as z from 'zod';
import { DomainError, ValidationError, type FieldError } from './errors.ts';
import { logger, metrics, publishMetrics } from './observability.ts';
import { problemType } from './problem.ts';
import { toFieldErrors } from './zod-errors.ts';

/** A refused call, as the caller receives it. */
export interface InternalProblem {
  readonly status: number;
  /** `urn:commerce:problem:<slug>`, the same slugs as the API's. */
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  /** Per field, for 400. */
  readonly errors?: readonly FieldError[];
  /** Anything else a service adds for its callers (e.g. inventory's `shortages`). */
  readonly [extension: string]: unknown;
}

export type InternalResult<T> = T | { readonly error: InternalProblem };

export function isInternalError<T extends object>(
  result: InternalResult<T>,
): result is { readonly error: InternalProblem } {
  return 'error' in result;
}

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
      ...extensions?.(error),
    },
  };
}

export interface InternalFunctionSpec<S extends z.ZodType, R extends object> {
  /** Names the function in metrics (`<name>Refused`). */
  readonly name: string;
  readonly input: S;
  readonly handler: (input: z.infer<S>, context: { readonly correlationId: string }) => Promise<R>;
  readonly extensions?: ProblemExtensions;
}

/** Builds the Lambda handler of one internal function. */
export function internalFunction<S extends z.ZodType, R extends object>(
  spec: InternalFunctionSpec<S, R>,
): (event: unknown, context: Context) => Promise<InternalResult<R>> {
  return middy<unknown, InternalResult<R>>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics<unknown, InternalResult<R>>())
    .handler(async (event, context) => {
      const parsed = spec.input.safeParse(event);
      let result: InternalResult<R>;
      if (!parsed.success) {
        result = problemOf(new ValidationError(toFieldErrors('body', parsed.error.issues)));
      } else {
        const supplied = (parsed.data as { correlationId?: unknown }).correlationId;
        const correlationId = typeof supplied === 'string' ? supplied : context.awsRequestId;
        logger.appendKeys({ correlationId });
        try {
          result = await spec.handler(parsed.data, { correlationId });
        } catch (error) {
          if (!(error instanceof DomainError)) {
            logger.error('Internal call failed', { error });
            throw error;
          }
          result = problemOf(error, spec.extensions);
        }
      }
      if (isInternalError(result)) {
        logger.info('Internal call refused', { status: result.error.status, type: result.error.type });
        metrics.addMetric(`${spec.name}Refused`, 'Count', 1);
      }
      return result;
    });
}
