// Consumes S3's Object Created events for uploads/ (EventBridge → the uploads queue): each upload's bytes
// are checked and rendered, or the upload is rejected; its object is deleted either way (media.ts,
// processUpload). A redelivered or duplicated event changes nothing: the record moves on from
// awaiting-upload once, and the files it writes are named by their content. Failures are retried, then the
// message goes to the DLQ; an event that is not S3's shape goes there too.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logger, metrics, publishMetrics } from '@commerce/lambda-kit/observability';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { media } from '../runtime.ts';

const objectCreated = z.object({
  id: z.string(),
  source: z.literal('aws.s3'),
  'detail-type': z.literal('Object Created'),
  detail: z.object({
    bucket: z.object({ name: z.string() }),
    object: z.object({ key: z.string(), size: z.number().check(z.int(), z.nonnegative()) }),
  }),
});

const processor = new BatchProcessor(EventType.SQS);

async function processRecord(record: SQSRecord): Promise<void> {
  const event = objectCreated.parse(JSON.parse(record.body));
  const { key, size } = event.detail.object;
  logger.appendKeys({ correlationId: event.id, key });
  try {
    const started = performance.now();
    const outcome = await media.processUpload(key, size, {
      correlationId: event.id,
    });
    logger.info('Upload processed', { outcome, size, ms: Math.round(performance.now() - started) });
    metrics.addMetric(
      outcome === 'ready' ? 'UploadsReady' : outcome === 'rejected' ? 'UploadsRejected' : 'UploadsIgnored',
      'Count',
      1,
    );
  } finally {
    logger.removeKeys(['correlationId', 'key']);
  }
}

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(publishMetrics<SQSEvent, SQSBatchResponse>())
  .handler(async (event, context) => processPartialResponse(event, processRecord, processor, { context }));
