// The review requests' items in the review table, in the buyer's partition (so erasure deletes them with the
// rest of what ties a buyer to orders):
//   BUYER#<buyer> / REQUEST#<order id>  a delivered order's review request: its contact, products, due time
//                                        and status (scheduled → sent | skipped, once)
//   BUYER#<buyer> / PREFS               whether the buyer gets review requests (on unless turned off)
import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { conditionFailed } from '@commerce/lambda-kit/conditions';
import { key } from '@commerce/lambda-kit';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import { queryAll } from '@commerce/lambda-kit/query-all';
import type { RequestStore, ReviewRequest } from './requests.ts';

const requestKey = (buyer: string, orderId: string) => ({
  pk: key('BUYER', buyer),
  sk: key('REQUEST', orderId),
});
const prefsKey = (buyer: string) => ({ pk: key('BUYER', buyer), sk: 'PREFS' });

export class DynamoRequestStore implements RequestStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async recordRequest(request: ReviewRequest): Promise<void> {
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: { ...requestKey(request.buyer, request.orderId), ...request },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!conditionFailed(error)) throw error;
    }
  }

  async request(buyer: string, orderId: string): Promise<ReviewRequest | undefined> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: requestKey(buyer, orderId), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, ...request } = out.Item;
    return request as ReviewRequest;
  }

  async closeRequest(
    buyer: string,
    orderId: string,
    status: 'sent' | 'skipped',
    events: readonly OutboxItem[],
  ): Promise<boolean> {
    try {
      await this.#db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.#table,
                Key: requestKey(buyer, orderId),
                UpdateExpression: 'SET #status = :status',
                ConditionExpression: '#status = :scheduled',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':status': status, ':scheduled': 'scheduled' },
              },
            },
            ...events.map((event) => ({ Put: { TableName: this.#table, Item: { ...event } } })),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  async reviewedProducts(buyer: string): Promise<ReadonlySet<string>> {
    const items = await queryAll(this.#db, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reviewed)',
      ExpressionAttributeValues: { ':pk': key('BUYER', buyer), ':reviewed': 'REVIEWED#' },
      ConsistentRead: true,
    });
    return new Set(items.map((i) => i['productId'] as string));
  }

  async requestEmails(buyer: string): Promise<boolean> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: prefsKey(buyer), ConsistentRead: true }),
    );
    return out.Item?.['requestEmails'] !== false;
  }

  async setRequestEmails(buyer: string, on: boolean): Promise<void> {
    await this.#db.send(
      new PutCommand({ TableName: this.#table, Item: { ...prefsKey(buyer), requestEmails: on } }),
    );
  }
}
