// DynamoDB adapter of what staff manage and what search counts, in the search service's table:
//   SETTINGS / SYNONYMS        the synonym list and its version
//   SETTINGS / RULE#<id>       one merchandising rule
//   ZERO / <query>             how often a normalized query found nothing, and when last
//   REINDEX / CURRENT          the latest reindex job
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { VersionConflictError } from '@commerce/lambda-kit/errors';
import type { MerchandisingRule, Synonym } from './domain/merchandising.ts';
import type { ReindexJob, SearchSettings, ZeroResultQuery } from './domain/ports.ts';
import { isConditionFailure, queryPartition } from './store.ts';

type Item = Record<string, unknown>;

const RULE_PREFIX = 'RULE#';
/** Zero-result queries kept: the list is read whole and sorted by count. */
const ZERO_READ_LIMIT = 2_000;

function toRule(item: Item): MerchandisingRule {
  return {
    id: item.id as string,
    ...(typeof item.query === 'string' ? { query: item.query } : {}),
    ...(typeof item.category === 'string' ? { category: item.category } : {}),
    pin: (item.pin as string[]) ?? [],
    boost: (item.boost as string[]) ?? [],
    hide: (item.hide as string[]) ?? [],
  };
}

function toJob(item: Item): ReindexJob {
  const { pk: _pk, sk: _sk, ...job } = item;
  return job as unknown as ReindexJob;
}

export class DynamoSearchSettings implements SearchSettings {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async settings(): Promise<{ synonyms: Synonym[]; synonymsVersion: number; rules: MerchandisingRule[] }> {
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'SETTINGS' },
        ConsistentRead: true,
      }),
    );
    const items = out.Items ?? [];
    const synonyms = items.find((i) => i.sk === 'SYNONYMS');
    return {
      synonyms: (synonyms?.synonyms as Synonym[] | undefined) ?? [],
      synonymsVersion: (synonyms?.version as number | undefined) ?? 0,
      rules: items
        .filter((i) => (i.sk as string).startsWith(RULE_PREFIX))
        .map(toRule)
        .sort((a, b) => a.id.localeCompare(b.id)),
    };
  }

  async saveSynonyms(synonyms: readonly Synonym[], expectedVersion: number): Promise<number> {
    const version = expectedVersion + 1;
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: { pk: 'SETTINGS', sk: 'SYNONYMS', synonyms, version, updatedAt: new Date().toISOString() },
          ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :expected',
          ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new VersionConflictError();
      throw error;
    }
    return version;
  }

  async saveRule(rule: MerchandisingRule): Promise<void> {
    await this.#db.send(
      new PutCommand({
        TableName: this.#table,
        Item: { pk: 'SETTINGS', sk: `${RULE_PREFIX}${rule.id}`, ...rule },
      }),
    );
  }

  async deleteRule(id: string): Promise<boolean> {
    const out = await this.#db.send(
      new DeleteCommand({
        TableName: this.#table,
        Key: { pk: 'SETTINGS', sk: `${RULE_PREFIX}${id}` },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return out.Attributes !== undefined;
  }

  async countZeroResult(query: string, at: string): Promise<void> {
    await this.#db.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: { pk: 'ZERO', sk: query.slice(0, 200) },
        UpdateExpression: 'ADD #count :one SET #lastAt = :at',
        ExpressionAttributeNames: { '#count': 'count', '#lastAt': 'lastAt' },
        ExpressionAttributeValues: { ':one': 1, ':at': at },
      }),
    );
  }

  async zeroResults(limit: number): Promise<ZeroResultQuery[]> {
    const items = await queryPartition(this.#db, this.#table, 'ZERO', { max: ZERO_READ_LIMIT });
    return items
      .map((i) => ({ query: i.sk as string, count: i.count as number, lastAt: i.lastAt as string }))
      .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt))
      .slice(0, limit);
  }

  async startReindex(job: ReindexJob, staleAfterMs: number): Promise<boolean> {
    const staleBefore = new Date(Date.parse(job.startedAt) - staleAfterMs).toISOString();
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: { pk: 'REINDEX', sk: 'CURRENT', ...job },
          ConditionExpression: 'attribute_not_exists(pk) OR #status <> :running OR #startedAt < :stale',
          ExpressionAttributeNames: { '#status': 'status', '#startedAt': 'startedAt' },
          ExpressionAttributeValues: { ':running': 'running', ':stale': staleBefore },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async finishReindex(job: ReindexJob): Promise<void> {
    // Only the job that runs finishes itself (a newer job may have replaced a stale one).
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: { pk: 'REINDEX', sk: 'CURRENT', ...job },
          ConditionExpression: 'id = :id',
          ExpressionAttributeValues: { ':id': job.id },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async reindexJob(): Promise<ReindexJob | undefined> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: { pk: 'REINDEX', sk: 'CURRENT' }, ConsistentRead: true }),
    );
    return out.Item ? toJob(out.Item) : undefined;
  }
}
