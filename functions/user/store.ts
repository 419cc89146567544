// DynamoDB adapter of the user service's audit log. One table:
//   USER#<id> / AUDIT#<at>#<eventId>   one admin action on that account; gsi1 ACTOR#<sub> / <at>#<eventId>
//                                      lists what one admin did
//   OUTBOX#<eventId> / EVENT           the action's user.* event, written in the same transaction
// The accounts themselves live in Cognito, not here.
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { key } from '@commerce/lambda-kit';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { UserAuditStore } from './domain/ports.ts';
import type { AuditEntry } from './domain/user.ts';

export class DynamoUserAuditStore implements UserAuditStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  /** Writes the audit entry and its event in one transaction: both or neither. */
  async record(entry: AuditEntry, outbox: readonly OutboxItem[]): Promise<void> {
    const item = {
      pk: key('USER', entry.userId),
      sk: key('AUDIT', entry.at, entry.eventId),
      gsi1pk: key('ACTOR', entry.actor.sub),
      gsi1sk: key(entry.at, entry.eventId),
      ...entry,
    };
    await this.#db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.#table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
          ...outbox.map((event) => ({ Put: { TableName: this.#table, Item: { ...event } } })),
        ],
      }),
    );
  }
}
