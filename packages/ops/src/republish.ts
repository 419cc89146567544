// Re-publishes a service's outbox from its table after an incident (the relay's DLQ alarmed, or the bus
// refused events for a while): reads the outbox items (`OUTBOX#<eventId>`, kept OUTBOX_TTL_SECONDS), oldest
// first, and sends each event again exactly as it was written, same id and all. Deletes nothing. Consumers
// dedupe on the event id, so an event that did arrive the first time is recognized and not applied twice.
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fromOutboxItem, OUTBOX_PK_PREFIX } from '@commerce/lambda-kit/outbox';
import type { OutgoingEvent } from '@commerce/lambda-kit/publisher';

export class RepublishError extends Error {}

/** The table of every service among the stacks' outputs (`<Service>TableName`), by service name. */
export function findOutboxTables(
  outputs: Readonly<Record<string, string>>,
  service?: string,
): { service: string; tableName: string }[] {
  const found = Object.entries(outputs).flatMap(([key, tableName]) => {
    const name = /^([A-Z][A-Za-z0-9]*)TableName$/.exec(key)?.[1];
    return name ? [{ service: name.charAt(0).toLowerCase() + name.slice(1), tableName }] : [];
  });
  if (service === undefined) return found;
  const match = found.filter((t) => t.service === service);
  if (match.length === 0) {
    throw new RepublishError(
      `No service "${service}"; the stage has ${found.map((t) => t.service).join(', ')}.`,
    );
  }
  return match;
}

export interface OutboxEvent {
  readonly eventId: string;
  readonly occurredAt: string;
  readonly event: OutgoingEvent;
}

/** Every outbox event in the table that occurred at or after `since`, oldest first. */
export async function readOutbox(
  db: DynamoDBDocumentClient,
  tableName: string,
  since?: Date,
): Promise<OutboxEvent[]> {
  const found: OutboxEvent[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    // A scan: outbox items have no index, and this runs rarely, by hand, on tables whose outbox expires.
    const page = await db.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'begins_with(pk, :outbox) AND sk = :event',
        ExpressionAttributeValues: { ':outbox': OUTBOX_PK_PREFIX, ':event': 'EVENT' },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const event = fromOutboxItem(item);
      if (!event) continue;
      const metadata = (event.detail as { metadata: { id: string; occurredAt: string } }).metadata;
      if (since && Date.parse(metadata.occurredAt) < since.getTime()) continue;
      found.push({ eventId: metadata.id, occurredAt: metadata.occurredAt, event });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
}

/**
 * Publishes the outbox events of `tableName` since `since` (all of them without), or with `dryRun` only
 * finds them; answers what it found.
 */
export async function republish(
  db: DynamoDBDocumentClient,
  publisher: { publish(events: readonly OutgoingEvent[]): Promise<void> },
  tableName: string,
  options: { readonly since?: Date; readonly dryRun?: boolean } = {},
): Promise<OutboxEvent[]> {
  const events = await readOutbox(db, tableName, options.since);
  if (!options.dryRun && events.length > 0) await publisher.publish(events.map((e) => e.event));
  return events;
}
