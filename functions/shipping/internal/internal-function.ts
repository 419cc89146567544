// The stack of the shipping service's internal functions (Lambda Invoke under IAM, not behind the API):
// validates the payload with zod, runs the step, and answers its result, or a typed error object shaped
// like the API's problem+json for a request that cannot be served ({ error: { status, type, title, ... } }).
// Only our own failures are thrown (the invoke then reports a FunctionError and the caller may retry).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { problemType } from '@commerce/lambda-kit';
import { DomainError, ValidationError, type FieldError } from '@commerce/lambda-kit/errors';
import { logger, metrics, publishMetrics, tracing } from '@commerce/lambda-kit/observability';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type * as z from 'zod';

export interface InternalProblem {
  readonly status: number;
  /** `urn:commerce:problem:<slug>`, the same slugs as the API's. */
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  /** Per field, for 400. */
  readonly errors?: readonly FieldError[];
}

export type InternalResult<T> = T | { readonly error: InternalProblem };

export function isInternalError<T extends object>(
  result: InternalResult<T>,
): result is { readonly error: InternalProblem } {
  return 'error' in result;
}

function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const pointer = (parts: readonly PropertyKey[]) =>
    parts.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((k) => ({
          in: 'body' as const,
          pointer: pointer([...issue.path, k]),
          detail: 'Unknown field.',
        }))
      : [{ in: 'body' as const, pointer: pointer(issue.path), detail: issue.message }],
  );
}

export function problemOf(error: DomainError): { error: InternalProblem } {
  return {
    error: {
      status: error.status,
      type: problemType(error.problemType),
      title: error.title,
      detail: error.message,
      ...(error instanceof ValidationError ? { errors: error.errors } : {}),
    },
  };
}

export interface InternalFunctionSpec<S extends z.ZodType, R extends object> {
  /** Names the function in metrics (`<name>Refused`). */
  readonly name: string;
  readonly input: S;
  readonly handler: (input: z.infer<S>, context: { readonly correlationId: string }) => Promise<R>;
}

export function internalFunction<S extends z.ZodType, R extends object>(
  spec: InternalFunctionSpec<S, R>,
): (event: unknown, context: Context) => Promise<InternalResult<R>> {
  return middy<unknown, InternalResult<R>>()
    .use(tracing<unknown, InternalResult<R>>())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics<unknown, InternalResult<R>>())
    .handler(async (event, context) => {
      const parsed = spec.input.safeParse(event);
      let result: InternalResult<R>;
      if (!parsed.success) {
        result = problemOf(new ValidationError(fieldErrors(parsed.error.issues)));
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
          result = problemOf(error);
        }
      }
      if (isInternalError(result)) {
        logger.info('Internal call refused', { status: result.error.status, type: result.error.type });
        metrics.addMetric(`${spec.name}Refused`, 'Count', 1);
      }
      return result;
    });
}
