// The promotions service's use cases: staff manage promotions (each change announced through the outbox in
// the same transaction; a catalogue promotion's start or end with it, its schedules after it, catalogue.ts),
// checkout reserves the promotions an order uses, and the order's events commit or release them. Handlers
// make one call here; nothing here knows HTTP beyond the typed errors.
import { PromotionCreated, PromotionRedeemed, PromotionReleased, PromotionUpdated } from '@commerce/events';
import {
  ConflictError,
  NotFoundError,
  UnprocessableError,
  VersionConflictError,
} from '@commerce/lambda-kit/errors';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import { paginate, type CursorCodec, type PageBody } from '@commerce/lambda-kit/pagination';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import { randomBytes } from 'node:crypto';
import type { CataloguePromotions } from './catalogue.ts';
import type { Claim, PromotionRecord, PromotionStore, Redemption, RedemptionLedger } from './domain/ports.ts';
import { normalizeEmail, type Promotion } from './domain/promotion.ts';

/** What staff send: the promotion without its id, version and times. */
export type PromotionContent = Omit<PromotionRecord, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

export interface PromotionUsage {
  readonly redemptions: number;
  readonly budgetUsed: number;
  readonly redemptionsLeft?: number;
  readonly budgetLeft?: number;
}

export type Buyer = { readonly customerId: string } | { readonly email: string };

/** Why an order's redemptions are released (the order.cancelled reasons, or checkout giving up). */
export type ReleaseReason =
  'payment_failed' | 'payment_timeout' | 'reservation_expired' | 'cancelled' | 'checkout_failed';

const newPromotionId = () => `pr_${randomBytes(10).toString('hex')}`;

/** The ledger's key of a buyer: the customer's id, or the guest's normalized email. */
export const buyerKey = (buyer: Buyer): string =>
  'customerId' in buyer ? `c:${buyer.customerId}` : `e:${normalizeEmail(buyer.email)}`;

const codeTaken = () =>
  new ConflictError('One of the codes belongs to another promotion.', 'promotion-code-taken');

export class PromotionLimitError extends ConflictError {
  constructor(promotionId: string, limit: string) {
    super(`Promotion ${promotionId} has reached its ${limit} limit.`, 'promotion-limit-reached');
  }
}

export class PromotionCodeUsedError extends ConflictError {
  constructor(promotionId: string, code: string) {
    super(`Code ${code} of promotion ${promotionId} is used by another order.`, 'promotion-code-used');
  }
}

export class Promotions {
  readonly #store: PromotionStore;
  readonly #ledger: RedemptionLedger;
  readonly #clock: () => Date;

  /** Catalogue promotions' events and schedules that go with a change (catalogue.ts); none in some tests. */
  readonly #catalogue: Pick<CataloguePromotions, 'changeEvents' | 'reschedule'> | undefined;

  constructor(
    store: PromotionStore,
    ledger: RedemptionLedger,
    clock: () => Date = () => new Date(),
    catalogue?: Pick<CataloguePromotions, 'changeEvents' | 'reschedule'>,
  ) {
    this.#store = store;
    this.#ledger = ledger;
    this.#clock = clock;
    this.#catalogue = catalogue;
  }

  async get(id: string): Promise<PromotionRecord> {
    const promotion = await this.#store.get(id);
    if (!promotion) throw new NotFoundError(`Promotion ${id} not found.`);
    return promotion;
  }

  /** What the promotion has used of its limits (reserved and committed) and what is left of each. */
  async usage(id: string): Promise<PromotionUsage> {
    const promotion = await this.get(id);
    const used = (await this.#ledger.usage([id], undefined)).get(id)!;
    const { redemptions, budget } = promotion.limits;
    return {
      redemptions: used.redemptions,
      budgetUsed: used.budgetUsed,
      ...(redemptions === undefined ? {} : { redemptionsLeft: Math.max(0, redemptions - used.redemptions) }),
      ...(budget ? { budgetLeft: Math.max(0, budget.amount - used.budgetUsed) } : {}),
    };
  }

  async list(
    query: { status?: Promotion['status']; limit: number; cursor?: string | undefined },
    cursors: CursorCodec,
  ): Promise<PageBody<PromotionRecord>> {
    return paginate(cursors, `promotions:${query.status ?? 'all'}`, query.cursor, (startKey) =>
      this.#store.list({
        limit: query.limit,
        ...(query.status ? { status: query.status } : {}),
        ...(startKey ? { startKey } : {}),
      }),
    );
  }

  async create(content: PromotionContent, context: EventContext): Promise<PromotionRecord> {
    const now = this.#clock();
    const record: PromotionRecord = {
      ...content,
      id: newPromotionId(),
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    const outbox = [
      outboxItem(PromotionCreated, record, context, now),
      ...((await this.#catalogue?.changeEvents(undefined, record, context, now)) ?? []),
    ];
    if ((await this.#store.create(record, outbox)) === 'code-taken') throw codeTaken();
    await this.#catalogue?.reschedule(undefined, record, now);
    return record;
  }

  async replace(
    id: string,
    content: PromotionContent,
    version: number,
    context: EventContext,
  ): Promise<PromotionRecord> {
    const before = await this.get(id);
    if (before.version !== version) throw new VersionConflictError();
    const now = this.#clock();
    const after: PromotionRecord = {
      ...content,
      id,
      version: version + 1,
      createdAt: before.createdAt,
      updatedAt: now.toISOString(),
    };
    const outcome = await this.#store.replace(before, after, [
      outboxItem(PromotionUpdated, after, context, now),
      ...((await this.#catalogue?.changeEvents(before, after, context, now)) ?? []),
    ]);
    if (outcome === 'stale') throw new VersionConflictError();
    if (outcome === 'code-taken') throw codeTaken();
    await this.#catalogue?.reschedule(before, after, now);
    return after;
  }

  /**
   * Reserves every promotion the order uses, within each one's limits as it stands now, or none (409
   * promotion-limit-reached naming it); a single-use code is held for the order, or none is reserved when
   * another order holds it (409 promotion-code-used). Idempotent per order: a retried checkout gets its
   * redemptions back.
   */
  async reserve(
    orderId: string,
    buyer: Buyer,
    uses: readonly { promotionId: string; amount: number; currency: string; code?: string | undefined }[],
  ): Promise<Redemption[]> {
    // One transaction cannot touch a promotion's counters twice: each promotion is named once per order.
    if (new Set(uses.map((u) => u.promotionId)).size !== uses.length) {
      throw new UnprocessableError('Each promotion is reserved once per order.', 'duplicate-promotion');
    }
    const claims: Claim[] = [];
    for (const use of uses) {
      // The promotion's own code finds it, and says whether it is a single-use code the order must hold.
      const coded = use.code ? await this.#store.byCode(use.code) : undefined;
      const own = coded?.id === use.promotionId ? coded : undefined;
      const promotion = own ?? (await this.get(use.promotionId));
      claims.push({
        promotionId: use.promotionId,
        amount: use.amount,
        currency: use.currency,
        ...(use.code ? { code: use.code } : {}),
        ...(own?.singleUse ? { singleUse: true as const } : {}),
        limits: promotion.limits,
      });
    }
    const outcome = await this.#ledger.reserve(orderId, buyerKey(buyer), claims, () => []);
    if (outcome.kind === 'refused') throw new PromotionLimitError(outcome.promotionId, outcome.limit);
    if (outcome.kind === 'code-used') throw new PromotionCodeUsedError(outcome.promotionId, outcome.code);
    return [...outcome.redemptions];
  }

  /** The order was paid: its reserved redemptions are committed (promotion.redeemed, once each). */
  async commitOrder(orderId: string, context: EventContext): Promise<number> {
    return this.#settle(orderId, 'committed', context);
  }

  /** A paid order of the customer (when signed in) and of the email: neither makes a first order again. */
  async recordPaidOrder(
    orderId: string,
    buyer: { readonly customerId: string | null; readonly email: string },
  ): Promise<void> {
    const buyers = [
      ...(buyer.customerId ? [`c:${buyer.customerId}`] : []),
      `e:${normalizeEmail(buyer.email)}`,
    ];
    await this.#ledger.recordPaidOrder(buyers, orderId);
  }

  /** The order will not be paid: its reserved redemptions are given back (promotion.released, once each). */
  async releaseOrder(orderId: string, reason: ReleaseReason, context: EventContext): Promise<number> {
    return this.#settle(orderId, 'released', context, reason);
  }

  async #settle(
    orderId: string,
    to: 'committed' | 'released',
    context: EventContext,
    reason?: ReleaseReason,
  ): Promise<number> {
    let settled = 0;
    for (const redemption of await this.#ledger.redemptionsOf(orderId)) {
      if (redemption.status !== 'reserved') continue;
      const now = this.#clock();
      const data = {
        promotionId: redemption.promotionId,
        orderId,
        amount: redemption.amount,
        currency: redemption.currency,
        ...(redemption.code ? { code: redemption.code } : {}),
      };
      const event =
        to === 'committed'
          ? outboxItem(PromotionRedeemed, data, context, now)
          : outboxItem(PromotionReleased, { ...data, reason: reason ?? 'cancelled' }, context, now);
      if (await this.#ledger.settle(redemption, to, [event])) settled++;
    }
    return settled;
  }
}
