// Powertools logger and metrics, created once per process and shared by every handler in a bundle.
//
// No tracing SDK: Lambda's active tracing (set by the house function construct where the stage asks for it)
// records every invocation, and the AWS SDK's recursion-detection middleware forwards the invocation's
// X-Amzn-Trace-Id on every call it makes, so synchronous calls between services join one trace without
// the X-Ray SDK in the bundle. Correlation and causation ids travel in logs and event metadata.
// docs/operations.md ("Tracing") has the choice and its trade-off.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';

// Service name and namespace come from POWERTOOLS_SERVICE_NAME / POWERTOOLS_METRICS_NAMESPACE, set by the
// house function construct.
export const logger = new Logger();
export const metrics = new Metrics();

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
