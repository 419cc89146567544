// DynamoDB adapter of the live catalogue promotions pricing keeps, in its table:
//   PROMOTION / <promotionId>   `position` (the order of the promotion's changes) and the `offer` while it
//                               runs; once it ended, a tombstone without one that expires after 30 days, so
//                               a late promotion.started of an earlier position cannot bring it back
// Each change is one conditional write (only a later position); the live ones are one Query.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '@commerce/lambda-kit/query-all';
import type { CatalogueOffer } from './domain/catalogue-offers.ts';
import type { OfferChange, OfferStore } from './domain/ports.ts';

const PARTITION = 'PROMOTION';
/** Longer than any event can wait in its queue (SQS keeps a message 14 days at most). */
const TOMBSTONE_SECONDS = 30 * 24 * 3600;

export class DynamoOfferStore implements OfferStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #now: () => Date;

  constructor(db: DynamoDBDocumentClient, table: string, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#table = table;
    this.#now = now;
  }

  async save(change: OfferChange): Promise<boolean> {
    const item = {
      pk: PARTITION,
      sk: change.promotionId,
      position: change.position,
      ...(change.offer
        ? { offer: change.offer }
        : { expiresAt: Math.floor(this.#now().getTime() / 1000) + TOMBSTONE_SECONDS }),
    };
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk) OR #position < :position',
          ExpressionAttributeNames: { '#position': 'position' },
          ExpressionAttributeValues: { ':position': change.position },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async live(): Promise<CatalogueOffer[]> {
    const items = await queryAll(this.#db, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': PARTITION },
    });
    return items.flatMap((item) => (item['offer'] ? [item['offer'] as CatalogueOffer] : []));
  }
}
