// Powertools logger, metrics and tracer, created once per process and shared by every handler in a bundle.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

// Service name and namespace come from POWERTOOLS_SERVICE_NAME / POWERTOOLS_METRICS_NAMESPACE,
// which the house function construct always sets.
export const logger = new Logger();
export const metrics = new Metrics();
export const tracer = new Tracer();
