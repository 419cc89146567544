// DynamoDB adapter of the operations service's audit log. One table:
//   REDRIVE#<subscription> / <at>#<correlationId>   one redrive: who, how many moved, how many were left
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { key } from '@commerce/lambda-kit';
import type { RedriveAudit, RedriveRecord } from './domain/ports.ts';

export class DynamoRedriveAudit implements RedriveAudit {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async record(entry: RedriveRecord): Promise<void> {
    await this.#db.send(
      new PutCommand({
        TableName: this.#table,
        Item: { pk: key('REDRIVE', entry.subscription), sk: key(entry.at, entry.correlationId), ...entry },
      }),
    );
  }
}
