// What each reader sees of a review: shoppers (published only, the author's short name), the author (with
// the status) and staff (everything, with the moderation log on one review). Pure.
import { average, type Aggregate } from './domain/aggregate.ts';
import { displayName, type ModerationEntry, type Review } from './domain/review.ts';

export function publicView(review: Review) {
  return {
    id: review.id,
    productId: review.productId,
    rating: review.rating,
    title: review.title,
    body: review.body,
    locale: review.locale,
    author: displayName(review.author),
    verified: review.verified,
    photos: [...review.photos],
    helpful: review.helpful,
    publishedAt: review.publishedAt ?? review.createdAt,
    ...(review.reply ? { reply: { body: review.reply.body, at: review.reply.at } } : {}),
  };
}

export function ownView(review: Review) {
  const { publishedAt: _publishedAt, ...view } = publicView(review);
  return {
    ...view,
    status: review.status,
    ...(review.publishedAt ? { publishedAt: review.publishedAt } : {}),
    createdAt: review.createdAt,
  };
}

export function staffView(review: Review, log?: readonly ModerationEntry[]) {
  return {
    ...ownView(review),
    updatedAt: review.updatedAt,
    version: review.version,
    authorKind: review.author.kind,
    ...(review.author.kind === 'customer' ? { customerId: review.author.customerId } : {}),
    ...(review.orderId ? { orderId: review.orderId } : {}),
    ...(review.rejection ? { rejection: { ...review.rejection } } : {}),
    ...(review.reply ? { reply: { ...review.reply } } : {}),
    flags: [...(review.flags ?? [])],
    ...(log
      ? { log: log.map((entry) => ({ ...entry, ...(entry.flags ? { flags: [...entry.flags] } : {}) })) }
      : {}),
  };
}

export function aggregateView(aggregate: Aggregate) {
  return {
    count: aggregate.count,
    average: average(aggregate),
    histogram: [...aggregate.histogram] as [number, number, number, number, number],
  };
}
