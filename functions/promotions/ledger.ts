// DynamoDB adapter of the redemption ledger, in the promotions table:
//   PROMO#<id> / USAGE             redemptions (reserved + committed) and budgetUsed (minor units)
//   PROMO#<id> / BUYER#<buyer>     that buyer's redemptions (reserved + committed)
//   ORDER#<orderId> / REDEMPTION#<promotionId>   one order's use of one promotion, with its status
//   BUYER#<buyer> / PAID           the buyer's paid orders (a string set of order ids): `first-order`
//   CODE#<CODE> / CODE             a generated single-use code (code-store.ts): `usedBy` the order holding it
// A reservation is one transaction per order: each redemption is put only if absent, and each counter moves
// only if its limit still holds after the move (the condition is the check: never read-then-write). A settle
// moves one redemption out of `reserved` under that condition, so a redelivered event changes nothing. A
// single-use code is held in the reservation's transaction (only if no other order holds it) and given back
// in the release's.
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '@commerce/lambda-kit/batch-get';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { Usage } from './domain/engine.ts';
import type { Claim, Redemption, RedemptionLedger, ReserveOutcome } from './domain/ports.ts';
import { codeKey } from './store.ts';
import { transactWrite, type Transact } from './transact.ts';

type Item = Record<string, unknown>;

const usageKey = (promotionId: string) => ({ pk: `PROMO#${promotionId}`, sk: 'USAGE' });
const buyerKey = (promotionId: string, buyer: string) => ({
  pk: `PROMO#${promotionId}`,
  sk: `BUYER#${buyer}`,
});
const redemptionKey = (orderId: string, promotionId: string) => ({
  pk: `ORDER#${orderId}`,
  sk: `REDEMPTION#${promotionId}`,
});
const paidOrdersKey = (buyer: string) => ({ pk: `BUYER#${buyer}`, sk: 'PAID' });

/**
 * How contended a popular promotion's counter may be: a transaction DynamoDB cancels for a concurrent one on
 * the same item is sent again after a jittered delay, up to this many times (then 503, nothing held).
 */
const CONFLICT_ATTEMPTS = 10;

function toRedemption(item: Item): Redemption {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as unknown as Redemption;
}

export class DynamoRedemptionLedger implements RedemptionLedger {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #now: () => Date;

  constructor(db: DynamoDBDocumentClient, table: string, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#table = table;
    this.#now = now;
  }

  /**
   * The writes of one claim: its redemption, the counter moves (usage with the total and budget limits, the
   * buyer's count) and the hold of its single-use code.
   */
  #claimItems(claim: Claim, buyer: string, redemption: Redemption): { items: Transact[]; kinds: string[] } {
    const { limits, promotionId, amount } = claim;
    const usageConditions: string[] = [];
    const values: Item = { ':one': 1, ':amount': amount };
    if (limits.redemptions !== undefined) {
      usageConditions.push('(attribute_not_exists(redemptions) OR redemptions < :max)');
      values[':max'] = limits.redemptions;
    }
    if (limits.budget) {
      usageConditions.push('(attribute_not_exists(budgetUsed) OR budgetUsed <= :room)');
      values[':room'] = limits.budget.amount - amount;
    }
    const buyerValues: Item = { ':one': 1 };
    if (limits.perCustomer !== undefined) buyerValues[':per'] = limits.perCustomer;
    const hold = claim.singleUse && claim.code ? [this.#holdCode(claim.code, promotionId, redemption)] : [];
    return {
      kinds: ['redemption', 'usage', 'buyer', ...hold.map(() => 'code')],
      items: [
        {
          Put: {
            TableName: this.#table,
            Item: { ...redemptionKey(redemption.orderId, promotionId), ...redemption },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: this.#table,
            Key: usageKey(promotionId),
            UpdateExpression: 'ADD redemptions :one, budgetUsed :amount',
            ...(usageConditions.length ? { ConditionExpression: usageConditions.join(' AND ') } : {}),
            ExpressionAttributeValues: values,
          },
        },
        {
          Update: {
            TableName: this.#table,
            Key: buyerKey(promotionId, buyer),
            UpdateExpression: 'ADD uses :one',
            ...(limits.perCustomer !== undefined
              ? { ConditionExpression: 'attribute_not_exists(uses) OR uses < :per' }
              : {}),
            ExpressionAttributeValues: buyerValues,
          },
        },
        ...hold,
      ],
    };
  }

  /** The order takes the single-use code, only if it is the promotion's and no other order holds it. */
  #holdCode(code: string, promotionId: string, redemption: Redemption): Transact {
    return {
      Update: {
        TableName: this.#table,
        Key: codeKey(code),
        UpdateExpression: 'SET usedBy = :order',
        ConditionExpression: 'promotionId = :promotion AND (attribute_not_exists(usedBy) OR usedBy = :order)',
        ExpressionAttributeValues: { ':order': redemption.orderId, ':promotion': promotionId },
      },
    };
  }

  async reserve(
    orderId: string,
    buyer: string,
    claims: readonly Claim[],
    outbox: (redemptions: readonly Redemption[]) => OutboxItem[],
  ): Promise<ReserveOutcome> {
    const updatedAt = this.#now().toISOString();
    const redemptions: Redemption[] = claims.map((claim) => ({
      orderId,
      promotionId: claim.promotionId,
      amount: claim.amount,
      currency: claim.currency,
      ...(claim.code ? { code: claim.code } : {}),
      ...(claim.singleUse && claim.code ? { singleUse: true as const } : {}),
      buyer,
      status: 'reserved',
      updatedAt,
    }));
    // A budget the discount alone exceeds cannot hold it: refused without a write.
    for (const claim of claims) {
      const budget = claim.limits.budget;
      if (budget && claim.amount > budget.amount) {
        return { kind: 'refused', promotionId: claim.promotionId, limit: 'budget' };
      }
    }
    const parts = claims.map((claim, i) => ({ claim, ...this.#claimItems(claim, buyer, redemptions[i]!) }));
    const failed = await transactWrite(
      this.#db,
      this.#table,
      parts.flatMap((p) => p.items),
      outbox(redemptions),
      CONFLICT_ATTEMPTS,
    );
    if (failed === 'ok') return { kind: 'reserved', redemptions };
    const { part, kind } = parts.flatMap((p) => p.kinds.map((k) => ({ part: p, kind: k })))[failed]!;
    if (kind === 'redemption') {
      // This order reserved before (a retried checkout): its redemptions are the answer.
      return { kind: 'reserved', redemptions: await this.redemptionsOf(orderId) };
    }
    if (kind === 'buyer')
      return { kind: 'refused', promotionId: part.claim.promotionId, limit: 'per-customer' };
    if (kind === 'code')
      return { kind: 'code-used', promotionId: part.claim.promotionId, code: part.claim.code! };
    return { kind: 'refused', promotionId: part.claim.promotionId, limit: await this.#exhausted(part.claim) };
  }

  /** Which of the usage item's limits refused the claim (read after the refusal, only to name it). */
  async #exhausted(claim: Claim): Promise<'redemptions' | 'budget'> {
    const { Item } = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: usageKey(claim.promotionId), ConsistentRead: true }),
    );
    const used = Number(Item?.['redemptions'] ?? 0);
    return claim.limits.redemptions !== undefined && used >= claim.limits.redemptions
      ? 'redemptions'
      : 'budget';
  }

  async redemptionsOf(orderId: string): Promise<Redemption[]> {
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': `ORDER#${orderId}`, ':sk': 'REDEMPTION#' },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map(toRedemption);
  }

  async settle(
    redemption: Redemption,
    to: 'committed' | 'released',
    outbox: readonly OutboxItem[],
  ): Promise<boolean> {
    const { orderId, promotionId, buyer, amount } = redemption;
    const items: Transact[] = [
      {
        Update: {
          TableName: this.#table,
          Key: redemptionKey(orderId, promotionId),
          UpdateExpression: 'SET #status = :to, updatedAt = :at',
          ConditionExpression: '#status = :reserved',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':to': to, ':at': this.#now().toISOString(), ':reserved': 'reserved' },
        },
      },
      ...(to === 'released'
        ? [
            {
              Update: {
                TableName: this.#table,
                Key: usageKey(promotionId),
                UpdateExpression: 'ADD redemptions :minus, budgetUsed :back',
                ExpressionAttributeValues: { ':minus': -1, ':back': -amount },
              },
            },
            {
              Update: {
                TableName: this.#table,
                Key: buyerKey(promotionId, buyer),
                UpdateExpression: 'ADD uses :minus',
                ExpressionAttributeValues: { ':minus': -1 },
              },
            },
            ...(redemption.singleUse && redemption.code
              ? [
                  {
                    Update: {
                      TableName: this.#table,
                      Key: codeKey(redemption.code),
                      UpdateExpression: 'REMOVE usedBy',
                      ConditionExpression: 'usedBy = :order',
                      ExpressionAttributeValues: { ':order': orderId },
                    },
                  },
                ]
              : []),
          ]
        : []),
    ];
    // The redemption's own condition fails when it was settled already: nothing changes. Its reservation
    // held its single-use code, so the code's condition failing alone is a broken ledger: thrown, not hidden.
    const failed = await transactWrite(this.#db, this.#table, items, outbox, CONFLICT_ATTEMPTS);
    if (failed !== 'ok' && failed > 0) {
      throw new Error(`Order ${orderId} does not hold the code of its redemption of ${promotionId}.`);
    }
    return failed === 'ok';
  }

  async usage(promotionIds: readonly string[], buyer: string | undefined): Promise<Map<string, Usage>> {
    const keys = promotionIds.flatMap((id) => [usageKey(id), ...(buyer ? [buyerKey(id, buyer)] : [])]);
    const items = keys.length ? await batchGetAll(this.#db, this.#table, keys) : [];
    const usage = new Map<string, Usage>(
      promotionIds.map((id) => [id, { redemptions: 0, budgetUsed: 0, byBuyer: 0 }]),
    );
    for (const item of items) {
      const id = String(item['pk']).slice('PROMO#'.length);
      const now = usage.get(id)!;
      usage.set(
        id,
        item['sk'] === 'USAGE'
          ? {
              ...now,
              redemptions: Number(item['redemptions'] ?? 0),
              budgetUsed: Number(item['budgetUsed'] ?? 0),
            }
          : { ...now, byBuyer: Number(item['uses'] ?? 0) },
      );
    }
    return usage;
  }

  async recordPaidOrder(buyers: readonly string[], orderId: string): Promise<void> {
    // A string set: adding an order it holds already (a redelivered order.paid) changes nothing.
    await Promise.all(
      buyers.map((buyer) =>
        this.#db.send(
          new UpdateCommand({
            TableName: this.#table,
            Key: paidOrdersKey(buyer),
            UpdateExpression: 'ADD orderIds :order',
            ExpressionAttributeValues: { ':order': new Set([orderId]) },
          }),
        ),
      ),
    );
  }

  async hasPaidOrder(buyer: string): Promise<boolean> {
    const { Item } = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: paidOrdersKey(buyer), ProjectionExpression: 'pk' }),
    );
    return Item !== undefined;
  }
}
