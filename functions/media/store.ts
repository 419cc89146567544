// The media service's table. Items:
//   MEDIA#<id> / MEDIA        an upload's record; `attachments` is a string set of what shows it
//   QUOTA#<sub>#<day> / QUOTA  a customer's uploads that UTC day (expires with the day after)
//   REF#<ref> / REF            what one product (or review) shows, at the version of its last event
//   PURGE / <at>#<id>          the sweep's queue: a record's files are due for deletion at <at> (kept
//                              until they are gone)
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '@commerce/lambda-kit/batch-get';
import { conditionFailed } from '@commerce/lambda-kit/conditions';
import { QuotaExceededError } from '@commerce/lambda-kit/errors';
import { key } from '@commerce/lambda-kit';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { MediaStore, Reference, UploadQuota } from './domain/ports.ts';
import type { MediaRecord } from './domain/upload.ts';

const mediaKey = (id: string) => ({ pk: key('MEDIA', id), sk: 'MEDIA' });
const refKey = (ref: string) => ({ pk: key('REF', ref), sk: 'REF' });
const purgeKey = (id: string, at: string) => ({ pk: 'PURGE', sk: `${at}#${id}` });

/** Seconds until the end of the UTC day after `day` (a quota counter lives that long). */
function quotaTtl(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + 2 * 86_400;
}

function recordOf(item: Record<string, unknown>): MediaRecord {
  const { pk: _pk, sk: _sk, attachments, ...rest } = item;
  return {
    ...(rest as unknown as Omit<MediaRecord, 'attachments'>),
    attachments: attachments instanceof Set ? [...(attachments as Set<string>)].sort() : [],
  };
}

function itemOf(record: MediaRecord): Record<string, unknown> {
  const { attachments, ...rest } = record;
  // DynamoDB has no empty sets: an image nothing shows has no `attachments`.
  return {
    ...mediaKey(record.id),
    ...rest,
    ...(attachments.length ? { attachments: new Set(attachments) } : {}),
  };
}

export class DynamoMediaStore implements MediaStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async create(record: MediaRecord, quota: UploadQuota | undefined): Promise<void> {
    const put = {
      Put: { TableName: this.#table, Item: itemOf(record), ConditionExpression: 'attribute_not_exists(pk)' },
    };
    if (!quota) {
      await this.#db.send(new PutCommand(put.Put));
      return;
    }
    try {
      await this.#db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.#table,
                Key: { pk: key('QUOTA', quota.ownerId, quota.day), sk: 'QUOTA' },
                UpdateExpression: 'ADD #count :one SET expiresAt = :ttl',
                ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
                ExpressionAttributeNames: { '#count': 'count' },
                ExpressionAttributeValues: { ':one': 1, ':limit': quota.limit, ':ttl': quotaTtl(quota.day) },
              },
            },
            put,
          ],
        }),
      );
    } catch (error) {
      if (conditionFailed(error)) {
        const renews = Math.max(
          1,
          Math.ceil((Date.parse(`${quota.day}T00:00:00Z`) + 86_400_000 - Date.now()) / 1000),
        );
        throw new QuotaExceededError(
          `You started ${quota.limit} uploads today, the most a day allows; more are possible tomorrow (UTC).`,
          renews,
          'upload-quota-exceeded',
        );
      }
      throw error;
    }
  }

  async get(id: string): Promise<MediaRecord | undefined> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: mediaKey(id), ConsistentRead: true }),
    );
    return out.Item ? recordOf(out.Item) : undefined;
  }

  async getMany(ids: readonly string[]): Promise<ReadonlyMap<string, MediaRecord>> {
    const items = await batchGetAll(this.#db, this.#table, [...new Set(ids)].map(mediaKey), {
      consistent: true,
    });
    return new Map(
      items.map((item) => {
        const r = recordOf(item);
        return [r.id, r] as const;
      }),
    );
  }

  async markResolved(ids: readonly string[], at: string): Promise<void> {
    await this.#db.send(
      new TransactWriteCommand({
        TransactItems: ids.map((id) => ({
          Update: {
            TableName: this.#table,
            Key: mediaKey(id),
            UpdateExpression: 'SET resolvedAt = :at',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':at': at },
          },
        })),
      }),
    );
  }

  async finish(id: string, change: Partial<MediaRecord>, events: readonly OutboxItem[]): Promise<boolean> {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ':awaiting': 'awaiting-upload' };
    const sets = Object.entries(change).map(([field, value], i) => {
      names[`#f${i}`] = field;
      values[`:v${i}`] = value;
      return `#f${i} = :v${i}`;
    });
    try {
      await this.#db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.#table,
                Key: mediaKey(id),
                UpdateExpression: `SET ${sets.join(', ')}`,
                ConditionExpression: '#status = :awaiting',
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            },
            ...(change.purgeAfter
              ? [
                  {
                    Put: {
                      TableName: this.#table,
                      Item: { ...purgeKey(id, change.purgeAfter), id, at: change.purgeAfter },
                    },
                  },
                ]
              : []),
            ...events.map((event) => ({ Put: { TableName: this.#table, Item: { ...event } } })),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  async reference(ref: string): Promise<Reference | undefined> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: refKey(ref), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    return {
      ref,
      version: out.Item.version as number,
      mediaIds: (out.Item.mediaIds as string[] | undefined) ?? [],
    };
  }

  async saveReference(
    next: Reference,
    readVersion: number | undefined,
    added: readonly string[],
    removed: readonly string[],
  ): Promise<boolean> {
    // Only media that exist: an update would otherwise create a stub record.
    const existing = await this.getMany([...added, ...removed]);
    const ref = new Set([next.ref]);
    const update = (id: string, expression: string) => ({
      Update: {
        TableName: this.#table,
        Key: mediaKey(id),
        UpdateExpression: expression,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':ref': ref },
      },
    });
    try {
      await this.#db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#table,
                Item: { ...refKey(next.ref), version: next.version, mediaIds: [...next.mediaIds] },
                ...(readVersion === undefined
                  ? { ConditionExpression: 'attribute_not_exists(pk)' }
                  : {
                      ConditionExpression: 'version = :read',
                      ExpressionAttributeValues: { ':read': readVersion },
                    }),
              },
            },
            // Shown again: the spare its resolution earned is used up, and nothing deletes it now.
            ...added
              .filter((id) => existing.has(id))
              .map((id) => update(id, 'ADD attachments :ref REMOVE purgeAfter, resolvedAt')),
            ...removed.filter((id) => existing.has(id)).map((id) => update(id, 'DELETE attachments :ref')),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  async scheduleUnshown(ids: readonly string[], purgeAfter: string): Promise<void> {
    for (const id of ids) {
      // Shown again meanwhile, or not ready: nothing to delete.
      await this.#movePurge(
        id,
        purgeAfter,
        'attribute_exists(pk) AND #status = :ready AND attribute_not_exists(attachments)',
        { ':ready': 'ready' },
      );
    }
  }

  /**
   * Sets a record's deletion to `at` with its sweep entry, if `condition` holds (otherwise nothing changes),
   * dropping the entry of the moment it replaces, if any.
   */
  async #movePurge(
    id: string,
    at: string,
    condition: string,
    values: Record<string, unknown>,
    previous?: string,
  ): Promise<void> {
    await this.#db
      .send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.#table,
                Key: mediaKey(id),
                UpdateExpression: 'SET purgeAfter = :at',
                ConditionExpression: condition,
                ...(condition.includes('#status')
                  ? { ExpressionAttributeNames: { '#status': 'status' } }
                  : {}),
                ExpressionAttributeValues: { ':at': at, ...values },
              },
            },
            { Put: { TableName: this.#table, Item: { ...purgeKey(id, at), id, at } } },
            ...(previous ? [{ Delete: { TableName: this.#table, Key: purgeKey(id, previous) } }] : []),
          ],
        }),
      )
      .catch((error: unknown) => {
        if (!conditionFailed(error)) throw error;
      });
  }

  async duePurges(now: string, limit: number): Promise<readonly { id: string; at: string }[]> {
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk AND sk < :now',
        ExpressionAttributeValues: { ':pk': 'PURGE', ':now': `${now}~` },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => ({ id: item.id as string, at: item.at as string }));
  }

  async postpone(id: string, previous: string, at: string): Promise<void> {
    await this.#movePurge(id, at, 'purgeAfter = :previous', { ':previous': previous }, previous);
  }

  async markPurged(id: string, at: string, now: string): Promise<boolean> {
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: mediaKey(id),
          UpdateExpression: 'SET #status = :purged, updatedAt = :now REMOVE purgeAfter, image',
          ConditionExpression: '#status = :ready AND purgeAfter = :at AND attribute_not_exists(attachments)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':purged': 'purged', ':ready': 'ready', ':at': at, ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  async dropPurge(id: string, at: string): Promise<void> {
    await this.#db.send(new DeleteCommand({ TableName: this.#table, Key: purgeKey(id, at) }));
  }
}
