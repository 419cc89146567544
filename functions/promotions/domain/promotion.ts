// The promotion model: when a promotion runs (schedule, status), what it needs of a basket (conditions), what
// it gives (one action), how it combines with others and the limits on its use. Pure; no AWS.
//
// Amounts are integer minor units. A percentage is in basis points (1 to 10,000: 1,000 is 10 %). Amounts
// that depend on the currency are given per currency (`{ EUR: 2000, USD: 2200 }`); a promotion whose action
// or condition names no amount for the basket's currency does not apply in it.

export type PromotionStatus = 'draft' | 'active' | 'archived';

/** What a promotion discounts: items (lines), the order as a whole, or shipping. */
export type PromotionClass = 'item' | 'order' | 'shipping';

/**
 * How a promotion goes with others, evaluated in order (priority, highest first, then id):
 * - `exclusive`: applies only when no promotion applied before it, and none applies after it;
 * - `stop`: applies after those before it (when they accept its class), and none applies after it;
 * - `combinable`: applies together with promotions of the named classes, both ways (each must name the
 *   other's class).
 */
export type Combination =
  | { readonly mode: 'exclusive' }
  | { readonly mode: 'stop' }
  | { readonly mode: 'combinable'; readonly with: readonly PromotionClass[] };

/** The items a condition or action looks at: a line matches when any given list holds it; none given: all. */
export interface ItemTarget {
  readonly skus?: readonly string[];
  readonly productIds?: readonly string[];
  readonly categoryIds?: readonly string[];
}

export type AmountByCurrency = Readonly<Record<string, number>>;

export type Condition =
  | { readonly kind: 'subtotal-at-least'; readonly amounts: AmountByCurrency }
  | { readonly kind: 'quantity-at-least'; readonly quantity: number; readonly target: ItemTarget }
  | { readonly kind: 'segment'; readonly segments: readonly string[] }
  | { readonly kind: 'first-order' }
  | { readonly kind: 'currency'; readonly currencies: readonly string[] }
  | { readonly kind: 'shipping-country'; readonly countries: readonly string[] }
  | { readonly kind: 'signed-in' };

/** A reduction: a percentage (basis points) of what is left, or a fixed amount per currency. */
export type Reduction =
  | { readonly kind: 'percentage'; readonly basisPoints: number }
  | { readonly kind: 'fixed'; readonly amounts: AmountByCurrency };

export interface Tier {
  /** by quantity: matching units at least this many. */
  readonly quantity?: number;
  /** by subtotal: the matching items' subtotal at least this, per currency. */
  readonly amounts?: AmountByCurrency;
  readonly basisPoints: number;
}

export type Action =
  /** Off each matching unit: a percentage of the matching lines, or a fixed amount per unit. */
  | { readonly kind: 'items-off'; readonly target: ItemTarget; readonly reduction: Reduction }
  /** Off the order: a percentage of what is left on every line, or a fixed amount spread over them. */
  | { readonly kind: 'order-off'; readonly reduction: Reduction }
  /** "3 for 20.00": each set of `size` matching units (the dearest first) costs the set's amount. */
  | {
      readonly kind: 'set-price';
      readonly target: ItemTarget;
      readonly size: number;
      readonly amounts: AmountByCurrency;
      readonly maxSets?: number;
    }
  /**
   * Buy `buy`, get `get` at `basisPoints` off (10,000: free): the matching units, dearest first, form sets
   * of buy + get; in each set the `get` cheapest (or dearest) units are discounted; up to `maxSets` sets.
   */
  | {
      readonly kind: 'buy-x-get-y';
      readonly target: ItemTarget;
      readonly buy: number;
      readonly get: number;
      readonly pick: 'cheapest' | 'most-expensive';
      readonly basisPoints: number;
      readonly maxSets?: number;
    }
  /** Off shipping, for the named methods (none named: any). 10,000 basis points: free shipping. */
  | { readonly kind: 'shipping-off'; readonly methods?: readonly string[]; readonly reduction: Reduction }
  /** A percentage off the matching items by the highest tier reached (their subtotal or their quantity). */
  | {
      readonly kind: 'tiered';
      readonly by: 'subtotal' | 'quantity';
      readonly target: ItemTarget;
      readonly tiers: readonly Tier[];
    };

export interface Limits {
  /** Redemptions in all (reserved and committed). */
  readonly redemptions?: number;
  /** Per customer: by customer id when signed in, by normalized email for a guest. */
  readonly perCustomer?: number;
  /** The sum of the discounts it may give, in one currency (it applies in that currency only). */
  readonly budget?: { readonly currency: string; readonly amount: number };
}

export interface Promotion {
  readonly id: string;
  readonly name: string;
  readonly status: PromotionStatus;
  /** ISO 8601; absent: from creation on. */
  readonly startsAt?: string;
  /** ISO 8601, exclusive; absent: no end. */
  readonly endsAt?: string;
  /** Higher first. */
  readonly priority: number;
  /** `automatic` applies by itself; `code` only to a basket that entered one of its codes. */
  readonly trigger: 'automatic' | 'code';
  readonly combination: Combination;
  /** Every condition must hold. */
  readonly conditions: readonly Condition[];
  readonly action: Action;
  readonly limits: Limits;
  /** Shown to shoppers before the cart: only a catalogue promotion has one (domain/catalogue.ts). */
  readonly badge?: string;
  readonly version: number;
}

const isEveryItem = (target: ItemTarget): boolean =>
  !target.skus?.length && !target.productIds?.length && !target.categoryIds?.length;

/** The class an action discounts in; a tiered action over every item is an order discount. */
export function classOf(action: Action): PromotionClass {
  switch (action.kind) {
    case 'order-off':
      return 'order';
    case 'shipping-off':
      return 'shipping';
    case 'tiered':
      return isEveryItem(action.target) ? 'order' : 'item';
    default:
      return 'item';
  }
}

/** Codes compare case-insensitively and without surrounding blanks. */
export const normalizeCode = (code: string): string => code.trim().toUpperCase();

/** Guests are counted by email: trimmed and lower-cased. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
