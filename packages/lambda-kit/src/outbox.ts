// The transactional outbox: an event is written as an item in the same DynamoDB transaction as the change
// it announces; the table's stream carries it to the outbox relay, which publishes it. A committed write is
// therefore never left unannounced, and nothing is announced that was not committed.
import type { DomainEvent, EventData, EventDefinition } from '@commerce/events';
import { buildEvent, type EventContext, type OutgoingEvent } from './publisher.ts';

export const OUTBOX_PK_PREFIX = 'OUTBOX#';
/** Outbox items expire a day after they are written; the stream has long delivered them by then. */
export const OUTBOX_TTL_SECONDS = 24 * 60 * 60;

export interface OutboxItem {
  readonly pk: string;
  readonly sk: 'EVENT';
  readonly source: string;
  readonly detailType: string;
  /** The detail as JSON text, so the relay publishes exactly what was validated at write time. */
  readonly detail: string;
  readonly expiresAt: number;
}

/** Builds the outbox item for one event; put it in the same transaction as the write it announces. */
export function outboxItem<E extends EventDefinition>(
  event: E,
  data: EventData<E>,
  context: EventContext,
  now: Date = new Date(),
): OutboxItem {
  const built = buildEvent(event, data, context, now);
  return {
    pk: `${OUTBOX_PK_PREFIX}${built.detail.metadata.id}`,
    sk: 'EVENT',
    source: built.source,
    detailType: built.detailType,
    detail: JSON.stringify(built.detail),
    expiresAt: Math.floor(now.getTime() / 1000) + OUTBOX_TTL_SECONDS,
  };
}

/**
 * The outbox items of what a domain transition announced, in order: the one way every service turns its
 * domain events into outbox writes.
 */
export function toOutbox(
  events: readonly DomainEvent[],
  context: EventContext,
  now: Date = new Date(),
): OutboxItem[] {
  return events.map((e) => outboxItem(e.event, e.data, context, now));
}

/** Reads an outbox item back into the event it carries; undefined for any other item. */
export function fromOutboxItem(item: Record<string, unknown>): OutgoingEvent | undefined {
  if (typeof item.pk !== 'string' || !item.pk.startsWith(OUTBOX_PK_PREFIX)) return undefined;
  if (
    typeof item.source !== 'string' ||
    typeof item.detailType !== 'string' ||
    typeof item.detail !== 'string'
  ) {
    throw new Error(`Malformed outbox item ${item.pk}`);
  }
  return { source: item.source, detailType: item.detailType, detail: JSON.parse(item.detail) as unknown };
}
