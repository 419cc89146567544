// What a message in a subscription's dead-letter queue says about the failure, for staff: which event, from
// where, when. Pure; the message body is the EventBridge event as the rule delivered it.

export interface FailedMessage {
  readonly subscription: string;
  readonly messageId: string;
  /** The event's id, type, source and time when the body is an EventBridge event; absent otherwise. */
  readonly eventId?: string;
  readonly type?: string;
  readonly source?: string;
  readonly occurredAt?: string;
  /** How many times consumers received it (the retries that failed). */
  readonly receiveCount: number;
  /** When it first entered the subscription's queue (ISO 8601). */
  readonly firstSentAt: string;
}

export interface RawDeadLetter {
  readonly messageId: string;
  readonly body: string;
  readonly receiveCount: number;
  readonly sentAtMs: number;
}

function stringField(value: Record<string, unknown>, name: string): string | undefined {
  const field = value[name];
  return typeof field === 'string' && field.length > 0 ? field.slice(0, 200) : undefined;
}

/** The failure as staff see it; a body that is not an EventBridge event still lists, without event fields. */
export function describeFailure(subscription: string, raw: RawDeadLetter): FailedMessage {
  let event: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(raw.body);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      event = parsed as Record<string, unknown>;
    }
  } catch {
    // not JSON: listed by its message id only
  }
  const eventId = stringField(event, 'id');
  const type = stringField(event, 'detail-type');
  const source = stringField(event, 'source');
  const occurredAt = stringField(event, 'time');
  return {
    subscription,
    messageId: raw.messageId,
    ...(eventId ? { eventId } : {}),
    ...(type ? { type } : {}),
    ...(source ? { source } : {}),
    ...(occurredAt ? { occurredAt } : {}),
    receiveCount: raw.receiveCount,
    firstSentAt: new Date(raw.sentAtMs).toISOString(),
  };
}

/** Newest first, at most `limit`. */
export function newestFailures(failures: readonly FailedMessage[], limit: number): FailedMessage[] {
  return [...failures].sort((a, b) => b.firstSentAt.localeCompare(a.firstSentAt)).slice(0, limit);
}
