// DynamoDB adapter of the promotions, in the promotions table (the redemption ledger is ledger.ts):
//   PROMO#<id> / PROMO        a promotion; gsi1 PROMOS by creation; gsi2 AUTO while active and automatic;
//                             a catalogue promotion's last fired edge (edge-ledger.ts)
//   CODE#<CODE> / CODE        a shared code (normalized) and the promotion it belongs to: unique (a generated
//                             single-use code is the same item, code-store.ts)
//   OUTBOX#<eventId> / EVENT  events written in the same transaction (see lambda-kit/outbox)
// Uniqueness and versions are conditions inside one transaction, never read-then-write.
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import { queryAll } from '@commerce/lambda-kit/query-all';
import type { CodedPromotion, Page, PromotionRecord, PromotionStore } from './domain/ports.ts';
import { normalizeCode } from './domain/promotion.ts';
import { FIRED_EDGE } from './edge-ledger.ts';
import { transactWrite, type Transact } from './transact.ts';

type Item = Record<string, unknown>;

const promotionKey = (id: string) => ({ pk: `PROMO#${id}`, sk: 'PROMO' });
export const codeKey = (code: string) => ({ pk: `CODE#${normalizeCode(code)}`, sk: 'CODE' });

const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'];

function toRecord(item: Item): PromotionRecord {
  const record = { ...item };
  // The catalogue promotions' fired edge (edge-ledger.ts) is bookkeeping, not part of the promotion.
  for (const key of [...KEY_ATTRIBUTES, FIRED_EDGE]) delete record[key];
  return record as unknown as PromotionRecord;
}

function promotionItem(record: PromotionRecord): Item {
  const automatic = record.status === 'active' && record.trigger === 'automatic';
  return {
    ...promotionKey(record.id),
    ...record,
    gsi1pk: 'PROMOS',
    gsi1sk: `${record.createdAt}#${record.id}`,
    ...(automatic ? { gsi2pk: 'AUTO', gsi2sk: record.id } : {}),
  };
}

export class DynamoPromotionStore implements PromotionStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async get(id: string): Promise<PromotionRecord | undefined> {
    const { Item } = await this.#db.send(new GetCommand({ TableName: this.#table, Key: promotionKey(id) }));
    return Item ? toRecord(Item) : undefined;
  }

  async byCode(code: string): Promise<CodedPromotion | undefined> {
    const { Item } = await this.#db.send(new GetCommand({ TableName: this.#table, Key: codeKey(code) }));
    const promotion = Item ? await this.get(String(Item['promotionId'])) : undefined;
    if (!promotion || Item?.['single'] !== true) return promotion;
    const usedBy: unknown = Item['usedBy'];
    return { ...promotion, singleUse: typeof usedBy === 'string' ? { usedBy } : {} };
  }

  async activeAutomatic(): Promise<PromotionRecord[]> {
    const items = await queryAll(this.#db, {
      TableName: this.#table,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :auto',
      ExpressionAttributeValues: { ':auto': 'AUTO' },
    });
    return items.map(toRecord);
  }

  async list(query: {
    status?: PromotionRecord['status'];
    limit: number;
    startKey?: Record<string, string | number>;
  }): Promise<Page<PromotionRecord>> {
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :all',
        ScanIndexForward: false,
        Limit: query.limit,
        ...(query.status
          ? {
              FilterExpression: '#status = :status',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':all': 'PROMOS', ':status': query.status },
            }
          : { ExpressionAttributeValues: { ':all': 'PROMOS' } }),
        ...(query.startKey ? { ExclusiveStartKey: query.startKey } : {}),
      }),
    );
    return {
      items: (out.Items ?? []).map(toRecord),
      ...(out.LastEvaluatedKey ? { lastKey: out.LastEvaluatedKey as Record<string, string | number> } : {}),
    };
  }

  async create(promotion: PromotionRecord, outbox: readonly OutboxItem[]): Promise<'created' | 'code-taken'> {
    const items: Transact[] = [
      {
        Put: {
          TableName: this.#table,
          Item: promotionItem(promotion),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...promotion.codes.map((code) => this.#claimCode(code, promotion.id)),
    ];
    return (await this.#transact(items, outbox)) === 'ok' ? 'created' : 'code-taken';
  }

  async replace(
    before: PromotionRecord,
    after: PromotionRecord,
    outbox: readonly OutboxItem[],
  ): Promise<'replaced' | 'stale' | 'code-taken'> {
    const had = new Set(before.codes.map(normalizeCode));
    const has = new Set(after.codes.map(normalizeCode));
    const items: Transact[] = [
      {
        Put: {
          TableName: this.#table,
          Item: promotionItem(after),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': before.version },
        },
      },
      ...[...has].filter((code) => !had.has(code)).map((code) => this.#claimCode(code, after.id)),
      ...[...had]
        .filter((code) => !has.has(code))
        .map((code): Transact => ({
          Delete: {
            TableName: this.#table,
            Key: codeKey(code),
            ConditionExpression: 'promotionId = :id',
            ExpressionAttributeValues: { ':id': after.id },
          },
        })),
    ];
    const result = await this.#transact(items, outbox);
    return result === 'ok' ? 'replaced' : result === 0 ? 'stale' : 'code-taken';
  }

  #claimCode(code: string, promotionId: string): Transact {
    return {
      Put: {
        TableName: this.#table,
        Item: { ...codeKey(code), code: normalizeCode(code), promotionId },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  #transact(items: Transact[], outbox: readonly OutboxItem[]): Promise<'ok' | number> {
    return transactWrite(this.#db, this.#table, items, outbox);
  }
}
