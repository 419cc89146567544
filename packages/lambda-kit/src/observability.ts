// Powertools logger, metrics and tracer, created once per process and shared by every handler in a bundle.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { MiddlewareObj } from '@middy/core';
import * as z from 'zod';
import { loadEnv } from './env.ts';

// Service name and namespace come from POWERTOOLS_SERVICE_NAME / POWERTOOLS_METRICS_NAMESPACE, and
// POWERTOOLS_TRACE_ENABLED is explicit, all set by the house function construct.
const { POWERTOOLS_TRACE_ENABLED } = loadEnv(
  z.object({ POWERTOOLS_TRACE_ENABLED: z.enum(['true', 'false']) }),
);

export const logger = new Logger();
export const metrics = new Metrics();

/**
 * The X-Ray tracer, or undefined where tracing is off (the local stage). The Tracer loads the X-Ray SDK when
 * its module is evaluated, about 20 ms of every cold start, so it is only imported where it will trace.
 */
export const tracer: Tracer | undefined =
  POWERTOOLS_TRACE_ENABLED === 'true'
    ? new (await import('@aws-lambda-powertools/tracer')).Tracer()
    : undefined;

/** Wraps an AWS SDK client so its calls become trace subsegments (when tracing). */
export function traced<T>(client: T): T {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}

/** The middy middleware that traces the handler, as a list to `.use()`: empty when not tracing. */
export function tracing<TEvent, TResult>(): MiddlewareObj<TEvent, TResult>[] {
  return tracer ? [captureLambdaHandler(tracer)] : [];
}

/**
 * Flushes the metrics a handler recorded, as EMF log lines. Unlike Powertools' logMetrics middleware it stays
 * silent when a request recorded none, which most reads do, instead of logging a warning every time.
 */
export function publishMetrics<TEvent, TResult>(): MiddlewareObj<TEvent, TResult> {
  const flush = () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: flush, onError: flush };
}
