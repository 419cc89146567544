// The transactional outbox: an event is written as an item in the same DynamoDB transaction as the change
// it announces; the table's stream carries it to the outbox relay, which publishes it. A committed write is
// therefore never left unannounced, and nothing is announced that was not committed.
//
// An event over EventBridge's 256 KB entry limit could never be published, so it is refused here, at write
// time, and the write with it (EventTooLargeError, 422): nothing is committed that cannot be announced.
import type { DomainEvent, EventData, EventDefinition } from '@commerce/events';
import { UnprocessableError } from './errors.ts';
import {
  buildEvent,
  PUT_EVENTS_MAX_BYTES,
  putEventsEntrySize,
  type EventContext,
  type OutgoingEvent,
} from './publisher.ts';
import { OUTBOX_TTL_SECONDS } from './retention.ts';

export const OUTBOX_PK_PREFIX = 'OUTBOX#';
/** The metric the outbox relay counts its failed attempts in (namespace Commerce, dimension service); alarmed. */
export const OUTBOX_PUBLISH_FAILED_METRIC = 'OutboxPublishFailed';
export { OUTBOX_TTL_SECONDS };

/** The change would announce an event EventBridge cannot take; the change is refused with it. */
export class EventTooLargeError extends UnprocessableError {
  constructor(detailType: string, bytes: number) {
    super(
      `This change would announce a ${detailType} event of ${bytes} bytes, over the bus limit of ` +
        `${PUT_EVENTS_MAX_BYTES} bytes; nothing was changed. Make the change smaller (fewer lines, shorter texts).`,
      'event-too-large',
    );
  }
}

export interface OutboxItem {
  readonly pk: string;
  readonly sk: 'EVENT';
  readonly source: string;
  readonly detailType: string;
  /** The detail as JSON text, so the relay publishes exactly what was validated at write time. */
  readonly detail: string;
  /** When the event occurred (ISO 8601), for `npm run outbox -- republish --since`. */
  readonly occurredAt: string;
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
  const detail = JSON.stringify(built.detail);
  const bytes = putEventsEntrySize({
    source: built.source,
    detailType: built.detailType,
    detailJson: detail,
  });
  if (bytes > PUT_EVENTS_MAX_BYTES) throw new EventTooLargeError(built.detailType, bytes);
  return {
    pk: `${OUTBOX_PK_PREFIX}${built.detail.metadata.id}`,
    sk: 'EVENT',
    source: built.source,
    detailType: built.detailType,
    detail,
    occurredAt: built.detail.metadata.occurredAt,
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
