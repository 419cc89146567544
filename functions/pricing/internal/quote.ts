// The internal quote function: other services (orders at checkout) invoke it with Lambda Invoke under IAM;
// it is not behind the API. Takes a QuoteRequestInput, answers a QuoteResult (quote-contract.ts): the
// engine's Quote, or { error } for a request that cannot be priced. Only our own failures are thrown.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logger, metrics, publishMetrics } from '@commerce/lambda-kit/observability';
import middy from '@middy/core';
import { store } from '../runtime.ts';
import { priceQuote } from './price-quote.ts';
import { isQuoteError, type QuoteResult } from './quote-contract.ts';

function correlationIdOf(event: unknown): string | undefined {
  const id = (event as { correlationId?: unknown } | null)?.correlationId;
  return typeof id === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(id) ? id : undefined;
}

export const handler = middy<unknown, QuoteResult>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(publishMetrics<unknown, QuoteResult>())
  .handler(async (event) => {
    const correlationId = correlationIdOf(event);
    if (correlationId) logger.appendKeys({ correlationId });
    const result = await priceQuote(event, (skus, segments) => store.loadPricing(skus, segments), new Date());
    if (isQuoteError(result)) {
      logger.info('Quote refused', { status: result.error.status, type: result.error.type });
      metrics.addMetric('QuotesRefused', 'Count', 1);
    }
    return result;
  });
