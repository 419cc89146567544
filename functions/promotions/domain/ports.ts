// What the promotions use cases need from storage. The DynamoDB adapters (../store.ts, ../ledger.ts)
// implement them; every write takes the outbox items of what it announces and commits them with it.
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { Usage } from './engine.ts';
import type { Limits, Promotion } from './promotion.ts';

/** A promotion as stored: the rule model with its shared codes (as staff typed them) and its times. */
export interface PromotionRecord extends Promotion {
  readonly codes: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A promotion as one of its codes finds it; a generated single-use code also says which order holds it. */
export type CodedPromotion = PromotionRecord & {
  readonly singleUse?: { readonly usedBy?: string };
};

export interface Page<T> {
  readonly items: readonly T[];
  readonly lastKey?: Record<string, string | number>;
}

export interface PromotionStore {
  get(id: string): Promise<PromotionRecord | undefined>;
  /** The promotion a code (normalized) belongs to, if any. */
  byCode(code: string): Promise<CodedPromotion | undefined>;
  /** Active automatic promotions (their schedules still to be checked). */
  activeAutomatic(): Promise<PromotionRecord[]>;
  list(query: {
    status?: Promotion['status'];
    limit: number;
    startKey?: Record<string, string | number>;
  }): Promise<Page<PromotionRecord>>;
  /** Creates it with its codes; false when one of its codes belongs to another promotion. */
  create(promotion: PromotionRecord, outbox: readonly OutboxItem[]): Promise<'created' | 'code-taken'>;
  /** Replaces `before` (version checked) with `after`, moving the codes; 'stale' on another version. */
  replace(
    before: PromotionRecord,
    after: PromotionRecord,
    outbox: readonly OutboxItem[],
  ): Promise<'replaced' | 'stale' | 'code-taken'>;
}

/** One promotion an order uses, as checkout reserves it. */
export interface Claim {
  readonly promotionId: string;
  readonly amount: number;
  readonly currency: string;
  readonly code?: string;
  /** `code` is a generated single-use code: the reservation holds it for the order. */
  readonly singleUse?: true;
  /** The limits as the promotion states them now. */
  readonly limits: Limits;
}

export type RedemptionStatus = 'reserved' | 'committed' | 'released';

export interface Redemption {
  readonly orderId: string;
  readonly promotionId: string;
  readonly amount: number;
  readonly currency: string;
  readonly code?: string;
  /** `code` is a generated single-use code this redemption holds (released with it). */
  readonly singleUse?: true;
  /** Whose use it counts: `c:<customer id>` or `e:<normalized email>`. */
  readonly buyer: string;
  readonly status: RedemptionStatus;
  readonly updatedAt: string;
}

export type ReserveOutcome =
  | { readonly kind: 'reserved'; readonly redemptions: readonly Redemption[] }
  | {
      readonly kind: 'refused';
      readonly promotionId: string;
      readonly limit: 'redemptions' | 'per-customer' | 'budget';
    }
  /** The single-use code is held by another order. */
  | { readonly kind: 'code-used'; readonly promotionId: string; readonly code: string };

/**
 * The redemption ledger: per promotion the count and budget used (reserved and committed), per promotion
 * and buyer their count, per order its redemptions. Every change is one conditional transaction.
 */
export interface RedemptionLedger {
  /**
   * Reserves every claim for the order or none, each limit checked by the write's condition; an order
   * that reserved already gets its redemptions back (idempotent per order).
   */
  reserve(
    orderId: string,
    buyer: string,
    claims: readonly Claim[],
    outbox: (redemptions: readonly Redemption[]) => OutboxItem[],
  ): Promise<ReserveOutcome>;
  redemptionsOf(orderId: string): Promise<Redemption[]>;
  /**
   * Moves one reserved redemption to `to` (released gives its count, budget and buyer use back) with the
   * outbox items; false when it was not reserved any more (settled already: nothing changes).
   */
  settle(
    redemption: Redemption,
    to: 'committed' | 'released',
    outbox: readonly OutboxItem[],
  ): Promise<boolean>;
  /** Usage of these promotions, and this buyer's count of each. */
  usage(promotionIds: readonly string[], buyer: string | undefined): Promise<Map<string, Usage>>;
  /** Records a paid order of each buyer (`c:<customerId>`, `e:<email>`); recording it again changes nothing. */
  recordPaidOrder(buyers: readonly string[], orderId: string): Promise<void>;
  /** Whether the buyer has a paid order (what the `first-order` condition asks). */
  hasPaidOrder(buyer: string): Promise<boolean>;
}
