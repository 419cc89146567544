// AWS clients, built once per module. The standard AWS_ENDPOINT_URL variable decides the endpoint, so the
// same bundle talks to AWS or to the local emulator.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { recordDynamoDbCall } from './usage.ts';

export function createDocumentClient(): DynamoDBDocumentClient {
  const client = new DynamoDBClient({});
  // Counts each call (one round trip, or more with retries) for the request's Server-Timing header.
  client.middlewareStack.add(
    (next) => async (args) => {
      const started = performance.now();
      try {
        return await next(args);
      } finally {
        recordDynamoDbCall(performance.now() - started);
      }
    },
    { step: 'initialize', name: 'commerceDynamoDbUsage' },
  );
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}

export function createEventBridgeClient(): EventBridgeClient {
  return new EventBridgeClient({});
}
