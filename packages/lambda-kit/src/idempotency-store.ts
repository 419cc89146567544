// Where a consumer remembers the events it handled: one item per event id in the service's own table, each
// in a partition of its own. Powertools' DynamoDB layer puts every record of a composite-key table under one
// static partition key, which would send all of a subscription's records to one partition (a hot key under
// load); this layer keys each record by its idempotency key instead.
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { IDEMPOTENCY_TTL_SECONDS } from './retention.ts';

/** The sort key of every idempotency record. */
export const IDEMPOTENCY_SK = 'IDEMPOTENCY';

/** The prefix of a subscription's idempotency keys; Powertools appends `#<hash of the event id>`. */
export const idempotencyKeyPrefix = (subscription: string): string => `IDEMPOTENCY#${subscription}`;

export class EventIdempotencyStore extends DynamoDBPersistenceLayer {
  constructor(tableName: string, client?: DynamoDBClient) {
    super({
      tableName,
      keyAttr: 'pk',
      sortKeyAttr: 'sk',
      expiryAttr: 'expiresAt',
      ...(client ? { awsSdkV3Client: client } : {}),
    });
  }

  /** pk = the idempotency key (`IDEMPOTENCY#<subscription>#<hash>`), sk = IDEMPOTENCY. */
  protected override getKey(idempotencyKey: string): Record<string, AttributeValue> {
    return marshall({ pk: idempotencyKey, sk: IDEMPOTENCY_SK });
  }
}

/**
 * The idempotency options of a subscription's consumer (Powertools `makeIdempotent`): keyed by the event id,
 * remembered as long as the event can come back (retention.ts), one partition per event, and a key prefix
 * of the subscription's name rather than the function's, so a redeployed function (a new name) still
 * recognizes what it handled.
 */
export function eventIdempotency(
  subscription: string,
  tableName: string,
  client?: DynamoDBClient,
): { persistenceStore: EventIdempotencyStore; config: IdempotencyConfig; keyPrefix: string } {
  return {
    persistenceStore: new EventIdempotencyStore(tableName, client),
    config: new IdempotencyConfig({
      eventKeyJmesPath: 'detail.metadata.id',
      expiresAfterSeconds: IDEMPOTENCY_TTL_SECONDS,
    }),
    keyPrefix: idempotencyKeyPrefix(subscription),
  };
}
