// The review table's items as the store writes and reads them: keys, the mapping between a review and its
// item (index keys moving with its status), the page reader for the indexes and the batch writer.
import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { key } from '@commerce/lambda-kit';
import type { StartKey } from '@commerce/lambda-kit/pagination';
import type { Eligibility } from './domain/ports.ts';
import type { Review } from './domain/review.ts';

export const reviewKey = (id: string) => ({ pk: key('REVIEW', id), sk: 'REVIEW' });
export const rankKey = (id: string) => ({ pk: key('REVIEW', id), sk: 'RANK' });
export const buyerPk = (buyer: string) => key('BUYER', buyer);
export const aggregateKey = (productId: string) => ({ pk: key('AGG', productId), sk: 'AGG' });
export const RULES_KEY = { pk: 'RULES', sk: 'RULES' };
/** Attributes of a review item that are the table's, not the review's. */
const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'buyer'] as const;

export const helpfulSort = (helpful: number, review: Review) =>
  `${String(helpful).padStart(10, '0')}#${review.publishedAt}#${review.id}`;

export function reviewItem(review: Review, buyer: string | undefined): Record<string, unknown> {
  return {
    ...reviewKey(review.id),
    ...review,
    ...(buyer ? { buyer } : {}),
    gsi2pk: key('STATUS', review.status),
    gsi2sk: `${review.createdAt}#${review.id}`,
    ...(review.status === 'published'
      ? { gsi1pk: key('PUB', review.productId), gsi1sk: `${review.publishedAt}#${review.id}` }
      : {}),
  };
}

export function reviewOf(item: Record<string, unknown>): Review {
  const review = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete review[attribute];
  return review as unknown as Review;
}

export function rankItem(review: Review): Record<string, unknown> {
  return {
    ...rankKey(review.id),
    id: review.id,
    rating: review.rating,
    gsi1pk: key('HELP', review.productId),
    gsi1sk: helpfulSort(review.helpful, review),
  };
}

/** The key of `item` in the table and in `index`, which DynamoDB takes as where the next page starts. */
export function startKeyOf(item: Record<string, unknown>, index: 'gsi1' | 'gsi2'): StartKey {
  return {
    pk: item['pk'] as string,
    sk: item['sk'] as string,
    [`${index}pk`]: item[`${index}pk`] as string,
    [`${index}sk`]: item[`${index}sk`] as string,
  };
}

/** Which item of a cancelled transaction refused its condition (-1 when none did). */
export function failedAt(error: unknown): number {
  if (!(error instanceof TransactionCanceledException)) return -1;
  return (error.CancellationReasons ?? []).findIndex((r) => r.Code === 'ConditionalCheckFailed');
}

export const voterHash = (voter: string) =>
  createHash('sha256').update(voter).digest('base64url').slice(0, 22);

export function eligibilityOf(item: Record<string, unknown>): Eligibility {
  return {
    buyer: item['buyer'] as string,
    productId: item['productId'] as string,
    orderId: item['orderId'] as string,
    deliveredAt: item['deliveredAt'] as string,
  };
}

/** Only reviews of that many stars, when asked. */
export function ratingFilter(rating: number | undefined): {
  filter: { FilterExpression?: string };
  values: Record<string, number>;
} {
  if (rating === undefined) return { filter: {}, values: {} };
  return { filter: { FilterExpression: 'rating = :rating' }, values: { ':rating': rating } };
}

/**
 * The update that turns the stored `previous` into `next`: every field of `next` set (its helpful votes
 * excepted: they are counted on their own), every field it lost removed, the index keys moved with the status.
 */
export function updateOf(previous: Review, next: Review) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const removes: string[] = [];
  const target = reviewItem(next, undefined);
  const fields = Object.entries(target).filter(
    ([field]) => field !== 'pk' && field !== 'sk' && field !== 'helpful',
  );
  fields.forEach(([field, value], i) => {
    names[`#s${i}`] = field;
    values[`:s${i}`] = value;
    sets.push(`#s${i} = :s${i}`);
  });
  const before = reviewItem(previous, undefined);
  // Erased: the item forgets which buyer wrote it, too.
  const gone = [...Object.keys(before), ...(next.author.kind === 'erased' ? ['buyer'] : [])];
  gone
    .filter((field) => !(field in target))
    .forEach((field, i) => {
      names[`#r${i}`] = field;
      removes.push(`#r${i}`);
    });
  return { names, values, sets, removes };
}

/**
 * Up to `limit` items of an index query from `start`, reading on while a filter leaves pages short; the
 * next page starts after the last item returned.
 */
export async function fillPage(
  db: DynamoDBDocumentClient,
  table: string,
  input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
  limit: number,
  start: StartKey | undefined,
  index: 'gsi1' | 'gsi2',
): Promise<{ items: Record<string, unknown>[]; lastKey: StartKey | undefined }> {
  const items: Record<string, unknown>[] = [];
  let from: Record<string, unknown> | undefined = start;
  for (;;) {
    const out = await db.send(
      new QueryCommand({
        ...input,
        TableName: table,
        Limit: limit - items.length,
        ...(from ? { ExclusiveStartKey: from } : {}),
      }),
    );
    items.push(...(out.Items ?? []));
    if (items.length >= limit) {
      const page = items.slice(0, limit);
      return { items: page, lastKey: out.LastEvaluatedKey ? startKeyOf(page.at(-1)!, index) : undefined };
    }
    if (!out.LastEvaluatedKey) return { items, lastKey: undefined };
    from = out.LastEvaluatedKey;
  }
}

/** Puts or deletes `requests` 25 at a time, again for what DynamoDB left unprocessed. */
export async function writeBatches(
  db: DynamoDBDocumentClient,
  table: string,
  requests: readonly Record<string, unknown>[],
): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending = requests.slice(i, i + 25);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 8) throw new Error('Batch writes stayed unprocessed');
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: [...pending] } }));
      pending = out.UnprocessedItems?.[table] ?? [];
      if (pending.length > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }
}
