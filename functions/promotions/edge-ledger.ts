// DynamoDB adapter of the catalogue promotions' edge ledger: the promotion item (PROMO#<id> / PROMO) holds
// `firedEdge` { edge, version }, the last scheduled edge published at its version. Recording it is one
// conditional update in the transaction that writes the event (the outbox), so a redelivered or stale fire
// writes nothing. A change replaces the item without it: the new version starts with no edge fired.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { EdgeFired, EdgeLedger } from './catalogue.ts';
import { transactWrite } from './transact.ts';

/** The promotion item's attribute; not part of the promotion (the store leaves it out of records). */
export const FIRED_EDGE = 'firedEdge';

export class DynamoEdgeLedger implements EdgeLedger {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async record(fired: EdgeFired, outbox: readonly OutboxItem[]): Promise<boolean> {
    // A start publishes when nothing fired at this version yet; an end unless the end did.
    const notYet =
      fired.edge === 'start'
        ? 'attribute_not_exists(#fired) OR #fired.#version <> :version'
        : 'attribute_not_exists(#fired) OR #fired.#version <> :version OR #fired.#edge = :start';
    const result = await transactWrite(
      this.#db,
      this.#table,
      [
        {
          Update: {
            TableName: this.#table,
            Key: { pk: `PROMO#${fired.promotionId}`, sk: 'PROMO' },
            UpdateExpression: 'SET #fired = :fired',
            ConditionExpression: `#version = :version AND (${notYet})`,
            // DynamoDB refuses names and values the expressions do not use: `#edge` is the end's only.
            ExpressionAttributeNames: {
              '#fired': FIRED_EDGE,
              '#version': 'version',
              ...(fired.edge === 'end' ? { '#edge': 'edge' } : {}),
            },
            ExpressionAttributeValues: {
              ':fired': { edge: fired.edge, version: fired.version },
              ':version': fired.version,
              ...(fired.edge === 'end' ? { ':start': 'start' } : {}),
            },
          },
        },
      ],
      outbox,
    );
    return result === 'ok';
  }
}
