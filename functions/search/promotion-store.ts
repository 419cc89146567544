// DynamoDB adapter of the live catalogue promotions search keeps, in its table:
//   PROMOTION / <promotionId>   `position` (the order of the promotion's changes) and the `offer` while it
//                               runs; once it ended, a tombstone without one that expires after 30 days, so
//                               a late promotion.started of an earlier position cannot bring it back
// Each change is one conditional update (only a later position), which answers what it replaced.
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PromotionChange, PromotionOffers } from './domain/ports.ts';
import type { PromotionOffer } from './domain/promotion-offers.ts';
import { isConditionFailure, queryPartition } from './store.ts';

const PARTITION = 'PROMOTION';
/** Longer than any event can wait in its queue (SQS keeps a message 14 days at most). */
const TOMBSTONE_SECONDS = 30 * 24 * 3600;

export class DynamoPromotionOffers implements PromotionOffers {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #now: () => Date;

  constructor(db: DynamoDBDocumentClient, table: string, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#table = table;
    this.#now = now;
  }

  async save(change: PromotionChange): Promise<{ applied: boolean; before?: PromotionOffer | undefined }> {
    const expires = Math.floor(this.#now().getTime() / 1000) + TOMBSTONE_SECONDS;
    try {
      const out = await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk: PARTITION, sk: change.promotionId },
          UpdateExpression: change.offer
            ? 'SET #position = :position, #offer = :offer REMOVE #expiresAt'
            : 'SET #position = :position, #expiresAt = :expires REMOVE #offer',
          ConditionExpression: 'attribute_not_exists(#position) OR #position < :position',
          ExpressionAttributeNames: { '#position': 'position', '#offer': 'offer', '#expiresAt': 'expiresAt' },
          ExpressionAttributeValues: {
            ':position': change.position,
            ...(change.offer ? { ':offer': change.offer } : { ':expires': expires }),
          },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return { applied: true, before: out.Attributes?.offer as PromotionOffer | undefined };
    } catch (error) {
      if (isConditionFailure(error)) return { applied: false };
      throw error;
    }
  }

  async live(): Promise<PromotionOffer[]> {
    const items = await queryPartition(this.#db, this.#table, PARTITION, { consistent: true });
    return items.flatMap((item) => (item.offer ? [item.offer as PromotionOffer] : []));
  }
}
