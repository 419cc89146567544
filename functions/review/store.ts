// The review service's table. Items:
//   REVIEW#<id> / REVIEW        a review; gsi2 = STATUS#<status> / <createdAt>#<id> (the staff queue, oldest
//                               first); while published, gsi1 = PUB#<product> / <publishedAt>#<id> (newest)
//   REVIEW#<id> / RANK          while published: gsi1 = HELP#<product> / <helpful, 10 digits>#<publishedAt>#<id>
//                               (most helpful first), with its rating for the filter
//   REVIEW#<id> / LOG#<at>#<n>  each moderation decision, with the staff member
//   REVIEW#<id> / VOTE#<voter>  a customer's helpful vote (one each)
//   BUYER#<buyer> / ELIG#<product>      a delivered order lets its buyer review the product
//   BUYER#<buyer> / REVIEWED#<product>  the buyer's review of the product (once: a conditional put)
//   AGG#<product> / AGG          the product's rating aggregate and the version every change raises
//   RULES / RULES                the auto-publish rules
// A review change, its log entry, its rank, the aggregate and its events are one transaction.
import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '@commerce/lambda-kit/batch-get';
import { conditionFailed } from '@commerce/lambda-kit/conditions';
import { ConflictError, NotFoundError, VersionConflictError } from '@commerce/lambda-kit/errors';
import { key } from '@commerce/lambda-kit';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import { queryAll } from '@commerce/lambda-kit/query-all';
import type { StartKey, StoredPage } from '@commerce/lambda-kit/pagination';
import { EMPTY_AGGREGATE, type Aggregate } from './domain/aggregate.ts';
import {
  AggregateConflictError,
  type AggregateChange,
  type Eligibility,
  type PublishedQuery,
  type ReviewStore,
  type StatusQuery,
  type StoredAggregate,
} from './domain/ports.ts';
import { DEFAULT_RULES, type AutoPublishRules, type ModerationEntry, type Review } from './domain/review.ts';
import {
  aggregateKey,
  buyerPk,
  eligibilityOf,
  failedAt,
  fillPage,
  helpfulSort,
  rankItem,
  rankKey,
  ratingFilter,
  reviewItem,
  reviewKey,
  reviewOf,
  RULES_KEY,
  updateOf,
  voterHash,
  writeBatches,
} from './store-items.ts';

export class DynamoReviewStore implements ReviewStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async eligibility(buyer: string, productId: string): Promise<Eligibility | undefined> {
    const out = await this.#db.send(
      new GetCommand({
        TableName: this.#table,
        Key: { pk: buyerPk(buyer), sk: key('ELIG', productId) },
        ConsistentRead: true,
      }),
    );
    return out.Item ? eligibilityOf(out.Item) : undefined;
  }

  async addEligibility(items: readonly Eligibility[]): Promise<void> {
    // A redelivered order.delivered writes the same items again: nothing changes.
    await writeBatches(
      this.#db,
      this.#table,
      items.map((e) => ({
        PutRequest: { Item: { pk: buyerPk(e.buyer), sk: key('ELIG', e.productId), ...e } },
      })),
    );
  }

  async get(id: string): Promise<Review | undefined> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: reviewKey(id), ConsistentRead: true }),
    );
    return out.Item ? reviewOf(out.Item) : undefined;
  }

  async aggregate(productId: string): Promise<StoredAggregate> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: aggregateKey(productId), ConsistentRead: true }),
    );
    if (!out.Item) return { productId, aggregate: EMPTY_AGGREGATE, version: 0 };
    const { count, sum, histogram, version } = out.Item as Aggregate & { version: number };
    return { productId, aggregate: { count, sum, histogram }, version };
  }

  async create(
    review: Review,
    buyer: string,
    entry: ModerationEntry | undefined,
    change: AggregateChange | undefined,
    events: readonly OutboxItem[],
  ): Promise<void> {
    const items = [
      {
        Put: {
          TableName: this.#table,
          Item: reviewItem(review, buyer),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.#table,
          Item: {
            pk: buyerPk(buyer),
            sk: key('REVIEWED', review.productId),
            productId: review.productId,
            reviewId: review.id,
            createdAt: review.createdAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...this.#changeItems(undefined, review, entry, change, events),
    ];
    try {
      await this.#db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      const at = failedAt(error);
      if (at === 1) throw new ConflictError('You reviewed this product already.', 'already-reviewed');
      if (at >= 0 && 'Update' in items[at]!) throw new AggregateConflictError(review.productId);
      throw error;
    }
  }

  async save(
    previous: Review,
    next: Review,
    entry: ModerationEntry | undefined,
    change: AggregateChange | undefined,
    events: readonly OutboxItem[],
  ): Promise<void> {
    const { names, values, sets, removes } = updateOf(previous, next);
    const items = [
      {
        Update: {
          TableName: this.#table,
          Key: reviewKey(next.id),
          UpdateExpression: [`SET ${sets.join(', ')}`, removes.length ? `REMOVE ${removes.join(', ')}` : '']
            .join(' ')
            .trim(),
          ConditionExpression: '#version = :readVersion',
          ExpressionAttributeNames: { ...names, '#version': 'version' },
          ExpressionAttributeValues: { ...values, ':readVersion': previous.version },
        },
      },
      ...this.#changeItems(previous, next, entry, change, events),
    ];
    try {
      await this.#db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      const at = failedAt(error);
      if (at === 0) throw new VersionConflictError();
      if (at >= 0 && 'Update' in items[at]!) throw new AggregateConflictError(next.productId);
      throw error;
    }
  }

  /** The log entry, the rank's move, the aggregate change (conditional on the version read), the events. */
  #changeItems(
    previous: Review | undefined,
    next: Review,
    entry: ModerationEntry | undefined,
    change: AggregateChange | undefined,
    events: readonly OutboxItem[],
  ) {
    const wasPublished = previous?.status === 'published';
    const isPublished = next.status === 'published';
    return [
      ...(entry
        ? [
            {
              Put: {
                TableName: this.#table,
                Item: { pk: key('REVIEW', next.id), sk: `LOG#${entry.at}#${next.version}`, ...entry },
              },
            },
          ]
        : []),
      ...(isPublished && !wasPublished
        ? [{ Put: { TableName: this.#table, Item: rankItem(next) } }]
        : !isPublished && wasPublished
          ? [{ Delete: { TableName: this.#table, Key: rankKey(next.id) } }]
          : []),
      ...(change
        ? [
            {
              Update: {
                TableName: this.#table,
                Key: aggregateKey(change.productId),
                UpdateExpression:
                  'SET #count = :count, #sum = :sum, histogram = :histogram, #version = :next',
                ConditionExpression:
                  change.readVersion === 0 ? 'attribute_not_exists(pk)' : '#version = :read',
                ExpressionAttributeNames: { '#count': 'count', '#sum': 'sum', '#version': 'version' },
                ExpressionAttributeValues: {
                  ':count': change.next.count,
                  ':sum': change.next.sum,
                  ':histogram': [...change.next.histogram],
                  ':next': change.readVersion + 1,
                  ...(change.readVersion === 0 ? {} : { ':read': change.readVersion }),
                },
              },
            },
          ]
        : []),
      ...events.map((event) => ({ Put: { TableName: this.#table, Item: { ...event } } })),
    ];
  }

  async byAuthor(customerId: string): Promise<readonly Review[]> {
    const reviewed = await queryAll(this.#db, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reviewed)',
      ExpressionAttributeValues: { ':pk': buyerPk(customerId), ':reviewed': 'REVIEWED#' },
      ConsistentRead: true,
    });
    const reviews = await this.#reviews(reviewed.map((r) => r['reviewId'] as string));
    return reviews.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async reviewable(buyer: string): Promise<readonly (Eligibility & { readonly reviewId?: string })[]> {
    const items = await queryAll(this.#db, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': buyerPk(buyer) },
      ConsistentRead: true,
    });
    const reviewed = new Map(
      items
        .filter((i) => (i['sk'] as string).startsWith('REVIEWED#'))
        .map((i) => [i['productId'] as string, i['reviewId'] as string]),
    );
    return items
      .filter((i) => (i['sk'] as string).startsWith('ELIG#'))
      .map((i) => {
        const eligibility = eligibilityOf(i);
        const reviewId = reviewed.get(eligibility.productId);
        return reviewId ? { ...eligibility, reviewId } : eligibility;
      })
      .sort((a, b) => b.deliveredAt.localeCompare(a.deliveredAt));
  }

  async forgetBuyer(buyer: string): Promise<void> {
    const items = await queryAll(this.#db, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': buyerPk(buyer) },
      ProjectionExpression: 'pk, sk',
    });
    await writeBatches(
      this.#db,
      this.#table,
      items.map((item) => ({ DeleteRequest: { Key: { pk: item['pk'], sk: item['sk'] } } })),
    );
  }

  async rules(): Promise<AutoPublishRules> {
    const out = await this.#db.send(new GetCommand({ TableName: this.#table, Key: RULES_KEY }));
    if (!out.Item) return DEFAULT_RULES;
    const { enabled, verifiedOnly, noLinks, noContactData, flaggedWords } = out.Item as AutoPublishRules;
    return { enabled, verifiedOnly, noLinks, noContactData, flaggedWords };
  }

  async saveRules(rules: AutoPublishRules): Promise<void> {
    await this.#db.send(new PutCommand({ TableName: this.#table, Item: { ...RULES_KEY, ...rules } }));
  }

  async published(query: PublishedQuery, start: StartKey | undefined): Promise<StoredPage<Review>> {
    const rating = ratingFilter(query.rating);
    if (query.sort === 'newest') {
      const page = await fillPage(
        this.#db,
        this.#table,
        {
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': key('PUB', query.productId), ...rating.values },
          ...rating.filter,
          ScanIndexForward: false,
        },
        query.limit,
        start,
        'gsi1',
      );
      return { items: page.items.map(reviewOf), lastKey: page.lastKey };
    }
    const ranks = await fillPage(
      this.#db,
      this.#table,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': key('HELP', query.productId), ...rating.values },
        ...rating.filter,
        ScanIndexForward: false,
      },
      query.limit,
      start,
      'gsi1',
    );
    const reviews = await this.#reviews(ranks.items.map((r) => r['id'] as string));
    // Taken down between the index read and the fetch: left out.
    return { items: reviews.filter((r) => r.status === 'published'), lastKey: ranks.lastKey };
  }

  async byStatus(query: StatusQuery, start: StartKey | undefined): Promise<StoredPage<Review>> {
    const page = await fillPage(
      this.#db,
      this.#table,
      {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: {
          ':pk': key('STATUS', query.status),
          ...(query.productId ? { ':product': query.productId } : {}),
        },
        ...(query.productId ? { FilterExpression: 'productId = :product' } : {}),
        ScanIndexForward: true,
      },
      query.limit,
      start,
      'gsi2',
    );
    return { items: page.items.map(reviewOf), lastKey: page.lastKey };
  }

  async log(id: string): Promise<readonly ModerationEntry[]> {
    const items = await queryAll(this.#db, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :log)',
      ExpressionAttributeValues: { ':pk': key('REVIEW', id), ':log': 'LOG#' },
    });
    return items.map(({ pk: _pk, sk: _sk, ...entry }) => entry as unknown as ModerationEntry);
  }

  async voteHelpful(id: string, voter: string): Promise<{ helpful: number; counted: boolean }> {
    for (let attempt = 1; ; attempt++) {
      const review = await this.get(id);
      if (!review || review.status !== 'published') throw new NotFoundError(`No published review ${id}.`);
      const items = [
        {
          Put: {
            TableName: this.#table,
            // The voter by a hash of their id: the vote outlives an erased account without naming it.
            Item: { pk: key('REVIEW', id), sk: key('VOTE', voterHash(voter)), at: new Date().toISOString() },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: this.#table,
            Key: reviewKey(id),
            UpdateExpression: 'SET helpful = :next',
            ConditionExpression: 'helpful = :read AND #status = :published',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':read': review.helpful,
              ':next': review.helpful + 1,
              ':published': 'published',
            },
          },
        },
        {
          Update: {
            TableName: this.#table,
            Key: rankKey(id),
            UpdateExpression: 'SET gsi1sk = :sort',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':sort': helpfulSort(review.helpful + 1, review) },
          },
        },
      ];
      try {
        await this.#db.send(new TransactWriteCommand({ TransactItems: items }));
        return { helpful: review.helpful + 1, counted: true };
      } catch (error) {
        const at = failedAt(error);
        if (at === 0) return { helpful: review.helpful, counted: false };
        // Another vote (or a decision) won: read again.
        if (!conditionFailed(error) || attempt >= 25) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)));
      }
    }
  }

  async #reviews(ids: readonly string[]): Promise<Review[]> {
    if (ids.length === 0) return [];
    const items = await batchGetAll(this.#db, this.#table, ids.map(reviewKey), { consistent: true });
    const byId = new Map(items.map((item) => [item['id'] as string, reviewOf(item)]));
    return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  }
}
