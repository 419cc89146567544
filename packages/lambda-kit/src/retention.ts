// How long anything that may be needed again is kept, in one place. Infra sets the queues' retention from
// these numbers and the kit sets the TTLs of outbox items and idempotency records from them, so the
// relations the operations rely on hold by construction (test/infra/operations.test.ts checks the template).
const DAY_SECONDS = 24 * 60 * 60;

/** DynamoDB streams keep a record 24 hours; the outbox relay may need that long to publish it. */
export const STREAM_RETENTION_SECONDS = DAY_SECONDS;

/** Every dead-letter queue keeps a message 14 days, SQS's maximum. */
export const DLQ_RETENTION_SECONDS = 14 * DAY_SECONDS;

/** A subscription queue keeps a message 4 days. */
export const SUBSCRIPTION_QUEUE_RETENTION_SECONDS = 4 * DAY_SECONDS;

/** EventBridge retries the delivery of an event to a rule target this long before its DLQ gets it. */
export const RULE_TARGET_MAX_EVENT_AGE_SECONDS = DAY_SECONDS;

/**
 * An outbox item lives as long as the stream may hold it plus as long as the relay's DLQ keeps the record
 * of a batch it could not publish: `npm run outbox -- republish` finds it in the table for that long.
 */
export const OUTBOX_TTL_SECONDS = STREAM_RETENTION_SECONDS + DLQ_RETENTION_SECONDS;

/**
 * A consumer remembers an event id as long as the event can come back: the bus retries it for a day, the
 * rule target's DLQ or the subscription's DLQ keeps it 14 days, and a redriven message waits in its queue
 * again. That also outlasts the outbox items, so a re-published event is always recognized.
 */
export const IDEMPOTENCY_TTL_SECONDS =
  RULE_TARGET_MAX_EVENT_AGE_SECONDS + DLQ_RETENTION_SECONDS + SUBSCRIPTION_QUEUE_RETENTION_SECONDS;
