// Typed event publisher: validates each detail against the catalog schema, sends PutEvents in batches of
// up to 10 entries and 256 KB and retries only the entries EventBridge reports as failed, with exponential
// backoff.
import {
  PutEventsCommand,
  type EventBridgeClient,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import type { EventData, EventDefinition, EventDetail } from '@commerce/events';
import { randomUUID } from 'node:crypto';
import * as core from 'zod/v4/core';
import './zod-locale.ts';
import { setTimeout as sleep } from 'node:timers/promises';

export const PUT_EVENTS_BATCH_SIZE = 10;
/** EventBridge's limit on one PutEvents request, and so on one entry: 256 KB. */
export const PUT_EVENTS_MAX_BYTES = 256 * 1024;

/**
 * The size EventBridge counts for an entry: the UTF-8 bytes of source, detail-type and detail (and 14 for
 * the time, which we let EventBridge set; counted anyway to stay on the safe side).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html
 */
export function putEventsEntrySize(event: {
  readonly source: string;
  readonly detailType: string;
  readonly detailJson: string;
}): number {
  return (
    14 +
    Buffer.byteLength(event.source, 'utf8') +
    Buffer.byteLength(event.detailType, 'utf8') +
    Buffer.byteLength(event.detailJson, 'utf8')
  );
}

/** An event ready to leave: what EventBridge calls source, detail-type and detail. */
export interface OutgoingEvent {
  readonly source: string;
  readonly detailType: string;
  readonly detail: unknown;
}

export interface EventContext {
  readonly correlationId: string;
  /** The id of the event or command that caused this one. */
  readonly causationId?: string;
  /** Who acted, for events caused through the API (recorded in the event's metadata). */
  readonly actor?: EventActor | undefined;
}

/** A person (`user`: the Cognito sub) or a partner's client (`client`: its app client id). */
export interface EventActor {
  readonly kind: 'user' | 'client';
  readonly id: string;
}

/** Builds and validates the detail of one event; throws when the data does not match the catalog schema. */
export function buildEvent<E extends EventDefinition>(
  event: E,
  data: EventData<E>,
  context: EventContext,
  now: Date = new Date(),
): OutgoingEvent & { detail: EventDetail<E> } {
  const detail = core.parse(event.detail, {
    metadata: {
      id: randomUUID(),
      version: event.version,
      occurredAt: now.toISOString(),
      correlationId: context.correlationId,
      ...(context.causationId ? { causationId: context.causationId } : {}),
      ...(context.actor ? { actor: { kind: context.actor.kind, id: context.actor.id } } : {}),
    },
    data,
  }) as EventDetail<E>;
  return { source: event.source, detailType: event.detailType, detail };
}

export class PublishError extends Error {
  readonly failed: readonly { entry: PutEventsRequestEntry; code: string | undefined }[];
  constructor(failed: readonly { entry: PutEventsRequestEntry; code: string | undefined }[]) {
    super(`${failed.length} event(s) could not be published: ${failed.map((f) => f.code).join(', ')}`);
    this.failed = failed;
  }
}

export interface PublisherOptions {
  /** Attempts per batch, the first included. @default 4 */
  readonly maxAttempts?: number;
  /** Delay before the first retry, doubled each time. @default 50 */
  readonly baseDelayMs?: number;
}

export class EventPublisher {
  readonly #client: EventBridgeClient;
  readonly #busName: string;
  readonly #maxAttempts: number;
  readonly #baseDelayMs: number;

  constructor(client: EventBridgeClient, busName: string, options: PublisherOptions = {}) {
    this.#client = client;
    this.#busName = busName;
    this.#maxAttempts = options.maxAttempts ?? 4;
    this.#baseDelayMs = options.baseDelayMs ?? 50;
  }

  /** Publishes in order, in requests of at most 10 entries and 256 KB; throws PublishError on failure. */
  async publish(events: readonly OutgoingEvent[]): Promise<void> {
    let batch: PutEventsRequestEntry[] = [];
    let batchBytes = 0;
    for (const e of events) {
      const entry: PutEventsRequestEntry = {
        EventBusName: this.#busName,
        Source: e.source,
        DetailType: e.detailType,
        Detail: JSON.stringify(e.detail),
      };
      const bytes = putEventsEntrySize({
        source: e.source,
        detailType: e.detailType,
        detailJson: entry.Detail!,
      });
      if (
        batch.length === PUT_EVENTS_BATCH_SIZE ||
        (batch.length > 0 && batchBytes + bytes > PUT_EVENTS_MAX_BYTES)
      ) {
        await this.#sendBatch(batch);
        batch = [];
        batchBytes = 0;
      }
      batch.push(entry);
      batchBytes += bytes;
    }
    if (batch.length > 0) await this.#sendBatch(batch);
  }

  async #sendBatch(batch: readonly PutEventsRequestEntry[]): Promise<void> {
    let pending: PutEventsRequestEntry[] = [...batch];
    let failed: { entry: PutEventsRequestEntry; code: string | undefined }[] = [];
    for (let attempt = 1; attempt <= this.#maxAttempts; attempt++) {
      const out = await this.#client.send(new PutEventsCommand({ Entries: pending }));
      if (!out.FailedEntryCount) return;
      // Entries in the response line up with the request; a failed one has an ErrorCode.
      failed = pending.flatMap((entry, i) => {
        const result = out.Entries?.[i];
        return result?.ErrorCode ? [{ entry, code: result.ErrorCode }] : [];
      });
      pending = failed.map((f) => f.entry);
      if (attempt < this.#maxAttempts) await sleep(this.#baseDelayMs * 2 ** (attempt - 1));
    }
    throw new PublishError(failed);
  }
}
