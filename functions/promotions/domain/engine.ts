// The rule engine: which promotions apply to a basket, what each takes off which line, and why every other
// candidate did not apply. Pure and deterministic: the same basket, candidates and usage always give the same
// answer, whatever order the candidates came in.
//
// Candidates are the active automatic promotions and the code promotions whose code the basket entered (a
// code promotion is never shown to a basket that did not enter its code). They are evaluated by priority,
// highest first, then by id. Each in turn: its status and schedule, its single-use code (held by another
// order), its conditions (the first failing one is the reason), how it combines with those applied before
// it, what its action takes off what they left, then its limits (redemptions and per-customer counts as
// reserved and committed; a money budget must hold the whole discount). The usage given is a snapshot:
// checkout enforces the limits again with conditional writes.
import { discountOf } from './actions.ts';
import type { Basket } from './basket.ts';
import { firstFailed, type FailedCondition } from './conditions.ts';
import { classOf, type Promotion, type PromotionClass } from './promotion.ts';

export interface Candidate {
  readonly promotion: Promotion;
  /** The code the basket entered for it (code promotions). */
  readonly code?: string;
  /** That code is a generated single-use code another order holds already. */
  readonly codeUsed?: boolean;
}

/** How much of its limits a promotion has used (reserved and committed redemptions). */
export interface Usage {
  readonly redemptions: number;
  /** Discount given so far in the budget's currency. */
  readonly budgetUsed: number;
  /** Redemptions by this basket's customer (id, or normalized email for a guest). */
  readonly byBuyer: number;
}

export const NO_USAGE: Usage = { redemptions: 0, budgetUsed: 0, byBuyer: 0 };

export type Reason =
  | { readonly code: 'inactive' | 'not-started' | 'ended' }
  /** The single-use code entered is held by another order. */
  | { readonly code: 'code-used' }
  /** Its budget is kept in another currency. */
  | { readonly code: 'other-currency'; readonly currency: string }
  | ({ readonly code: 'condition-failed' } & FailedCondition)
  | {
      readonly code: 'excluded';
      /** The applied promotion that keeps it out. */
      readonly by: string;
      readonly rule: 'exclusive' | 'stop' | 'not-combinable';
    }
  | { readonly code: 'limit-reached'; readonly limit: 'redemptions' | 'per-customer' | 'budget' }
  | { readonly code: 'nothing-to-discount'; readonly detail: string };

export interface Applied {
  readonly promotionId: string;
  readonly name: string;
  readonly code?: string;
  readonly class: PromotionClass;
  /** Σ lines + shipping. */
  readonly amount: number;
  /** Per basket line, what it took off (same length as the basket's lines). */
  readonly lines: readonly number[];
  readonly shipping: number;
}

export type Verdict =
  | ({ readonly applied: true } & Applied)
  | {
      readonly applied: false;
      readonly promotionId: string;
      readonly name: string;
      readonly code?: string;
      readonly reason: Reason;
    };

export interface Evaluation {
  /** One per candidate, in evaluation order. */
  readonly verdicts: readonly Verdict[];
  readonly applied: readonly Applied[];
  /** Per line, Σ of what the applied promotions took off; never more than the line's subtotal. */
  readonly lineDiscounts: readonly number[];
  readonly shippingDiscount: number;
}

const byPriority = (a: Candidate, b: Candidate): number =>
  b.promotion.priority - a.promotion.priority ||
  (a.promotion.id < b.promotion.id ? -1 : a.promotion.id > b.promotion.id ? 1 : 0);

/** Why a promotion is not running at `at` (status, schedule), if it is not. */
export function scheduleReason(promotion: Promotion, at: Date): Reason | undefined {
  if (promotion.status !== 'active') return { code: 'inactive' };
  if (promotion.startsAt && at.getTime() < Date.parse(promotion.startsAt)) return { code: 'not-started' };
  if (promotion.endsAt && at.getTime() >= Date.parse(promotion.endsAt)) return { code: 'ended' };
  return undefined;
}

/** Whether `candidate` may join the promotions applied so far (exclusive and stop ones end evaluation). */
function combinationReason(candidate: Promotion, applied: readonly Applied[], all: Map<string, Promotion>) {
  if (applied.length === 0) return undefined;
  const first = applied[0]!;
  if (candidate.combination.mode === 'exclusive') {
    return { code: 'excluded', by: first.promotionId, rule: 'exclusive' } as const;
  }
  const own = classOf(candidate.action);
  for (const other of applied) {
    const mode = all.get(other.promotionId)!.combination;
    const theyAccept = mode.mode === 'combinable' && mode.with.includes(own);
    const weAccept =
      candidate.combination.mode === 'stop' ||
      (candidate.combination.mode === 'combinable' && candidate.combination.with.includes(other.class));
    if (!theyAccept || !weAccept) {
      return { code: 'excluded', by: other.promotionId, rule: 'not-combinable' } as const;
    }
  }
  return undefined;
}

function limitReason(promotion: Promotion, usage: Usage, amount: number, basket: Basket): Reason | undefined {
  const { limits } = promotion;
  if (limits.redemptions !== undefined && usage.redemptions >= limits.redemptions) {
    return { code: 'limit-reached', limit: 'redemptions' };
  }
  const identified = basket.buyer.customerId !== undefined || basket.buyer.email !== undefined;
  if (limits.perCustomer !== undefined && identified && usage.byBuyer >= limits.perCustomer) {
    return { code: 'limit-reached', limit: 'per-customer' };
  }
  if (limits.budget && usage.budgetUsed + amount > limits.budget.amount) {
    return { code: 'limit-reached', limit: 'budget' };
  }
  return undefined;
}

export function evaluate(
  basket: Basket,
  candidates: readonly Candidate[],
  usage: ReadonlyMap<string, Usage> = new Map(),
): Evaluation {
  const left = basket.lines.map((line) => line.unitPrice * line.quantity);
  let shippingLeft = basket.shipping?.amount ?? 0;
  const all = new Map(candidates.map((c) => [c.promotion.id, c.promotion]));
  const applied: Applied[] = [];
  const verdicts: Verdict[] = [];
  let stoppedBy: { id: string; rule: 'exclusive' | 'stop' } | undefined;

  for (const candidate of [...candidates].sort(byPriority)) {
    const { promotion } = candidate;
    const named = {
      promotionId: promotion.id,
      name: promotion.name,
      ...(candidate.code ? { code: candidate.code } : {}),
    };
    const refuse = (reason: Reason) => verdicts.push({ applied: false, ...named, reason });

    const scheduled = scheduleReason(promotion, basket.at);
    if (scheduled) {
      refuse(scheduled);
      continue;
    }
    if (candidate.codeUsed) {
      refuse({ code: 'code-used' });
      continue;
    }
    const budget = promotion.limits.budget;
    if (budget && budget.currency !== basket.currency) {
      refuse({ code: 'other-currency', currency: budget.currency });
      continue;
    }
    const failed = firstFailed(promotion.conditions, basket);
    if (failed) {
      refuse({ code: 'condition-failed', ...failed });
      continue;
    }
    if (stoppedBy) {
      refuse({ code: 'excluded', by: stoppedBy.id, rule: stoppedBy.rule });
      continue;
    }
    const excluded = combinationReason(promotion, applied, all);
    if (excluded) {
      refuse(excluded);
      continue;
    }
    const discount = discountOf(promotion.action, basket, left, shippingLeft);
    if ('none' in discount) {
      refuse({ code: 'nothing-to-discount', detail: discount.none });
      continue;
    }
    const amount = discount.lines.reduce((a, b) => a + b, 0) + discount.shipping;
    if (amount === 0) {
      refuse({ code: 'nothing-to-discount', detail: 'Nothing is left to discount.' });
      continue;
    }
    const limited = limitReason(promotion, usage.get(promotion.id) ?? NO_USAGE, amount, basket);
    if (limited) {
      refuse(limited);
      continue;
    }
    discount.lines.forEach((off, i) => (left[i]! -= off));
    shippingLeft -= discount.shipping;
    const result: Applied = {
      ...named,
      class: classOf(promotion.action),
      amount,
      lines: discount.lines,
      shipping: discount.shipping,
    };
    applied.push(result);
    verdicts.push({ applied: true, ...result });
    const mode = promotion.combination.mode;
    if (mode === 'exclusive' || mode === 'stop') stoppedBy = { id: promotion.id, rule: mode };
  }

  return {
    verdicts,
    applied,
    lineDiscounts: basket.lines.map((line, i) => line.unitPrice * line.quantity - left[i]!),
    shippingDiscount: (basket.shipping?.amount ?? 0) - shippingLeft,
  };
}
