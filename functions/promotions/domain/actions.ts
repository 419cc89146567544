// What an action takes off a basket, given what earlier promotions left on each line and on shipping. Pure.
//
// Every result is in integer minor units and allocated to lines: a promotion's discount is computed once
// (a percentage rounded half up) and spread over the lines it touches by the largest remainder, weighted by
// what is left on them, so its line amounts sum to it exactly and no line goes below zero. Per-unit actions
// (fixed per unit, sets, buy-get) compute per unit and add up, each line capped at what is left on it.
import { allocate, divideRoundingHalfUp } from '@commerce/lambda-kit/money';
import { lineSubtotals, matches, unitsOf, type Basket } from './basket.ts';
import type { Action, AmountByCurrency, Reduction } from './promotion.ts';

export interface Discount {
  /** Per basket line, what this action takes off it. */
  readonly lines: readonly number[];
  readonly shipping: number;
}

/** Why an action gives nothing although its promotion's conditions hold. */
export interface NoDiscount {
  readonly none: string;
}

export const percentOf = (amount: number, basisPoints: number): number =>
  Number(divideRoundingHalfUp(BigInt(amount) * BigInt(basisPoints), 10_000n));

const sum = (amounts: readonly number[]): number => amounts.reduce((a, b) => a + b, 0);

function amountIn(amounts: AmountByCurrency, currency: string): number | undefined {
  return Object.hasOwn(amounts, currency) ? amounts[currency] : undefined;
}

/** Takes `total` off the lines flagged in `on`, by the largest remainder over what is left on them. */
function spread(total: number, left: readonly number[], on: readonly boolean[]): number[] {
  const weights = left.map((amount, i) => (on[i] ? amount : 0));
  const capped = Math.min(total, sum(weights));
  return capped === 0 ? left.map(() => 0) : allocate(capped, weights);
}

/** A reduction of what is left on the flagged lines. */
function reduce(
  reduction: Reduction,
  basket: Basket,
  left: readonly number[],
  on: readonly boolean[],
  perUnit: boolean,
): number[] | NoDiscount {
  if (reduction.kind === 'percentage') {
    const base = sum(left.filter((_, i) => on[i]));
    return spread(percentOf(base, reduction.basisPoints), left, on);
  }
  const amount = amountIn(reduction.amounts, basket.currency);
  if (amount === undefined) return { none: `No amount is set in ${basket.currency}.` };
  if (!perUnit) return spread(amount, left, on);
  return basket.lines.map((line, i) => (on[i] ? Math.min(amount * line.quantity, left[i]!) : 0));
}

/** Per-unit discounts (sets, buy-get) added up per line and capped at what is left on each. */
function perLine(basket: Basket, left: readonly number[], units: { line: number; off: number }[]) {
  const lines = basket.lines.map(() => 0);
  for (const unit of units) lines[unit.line]! += unit.off;
  return lines.map((amount, i) => Math.min(amount, left[i]!));
}

function setPrice(
  action: Extract<Action, { kind: 'set-price' }>,
  basket: Basket,
  left: readonly number[],
): number[] | NoDiscount {
  const price = amountIn(action.amounts, basket.currency);
  if (price === undefined) return { none: `No set price is set in ${basket.currency}.` };
  const units = unitsOf(basket, action.target);
  const sets = Math.min(Math.floor(units.length / action.size), action.maxSets ?? Infinity);
  const off: { line: number; off: number }[] = [];
  for (let s = 0; s < sets; s++) {
    const set = units.slice(s * action.size, (s + 1) * action.size);
    const saving = Math.max(0, sum(set.map((u) => u.price)) - price);
    const shares =
      saving === 0
        ? set.map(() => 0)
        : allocate(
            saving,
            set.map((u) => u.price),
          );
    set.forEach((unit, i) => off.push({ line: unit.line, off: shares[i]! }));
  }
  if (sets === 0) return { none: `Fewer than ${action.size} matching items.` };
  return perLine(basket, left, off);
}

function buyGet(
  action: Extract<Action, { kind: 'buy-x-get-y' }>,
  basket: Basket,
  left: readonly number[],
): number[] | NoDiscount {
  const size = action.buy + action.get;
  const units = unitsOf(basket, action.target);
  const sets = Math.min(Math.floor(units.length / size), action.maxSets ?? Infinity);
  if (sets === 0) return { none: `Fewer than ${size} matching items.` };
  const off: { line: number; off: number }[] = [];
  for (let s = 0; s < sets; s++) {
    const set = units.slice(s * size, (s + 1) * size);
    const given = action.pick === 'cheapest' ? set.slice(size - action.get) : set.slice(0, action.get);
    for (const unit of given) off.push({ line: unit.line, off: percentOf(unit.price, action.basisPoints) });
  }
  return perLine(basket, left, off);
}

function tiered(
  action: Extract<Action, { kind: 'tiered' }>,
  basket: Basket,
  left: readonly number[],
  on: readonly boolean[],
): number[] | NoDiscount {
  const subtotals = lineSubtotals(basket);
  const measure =
    action.by === 'quantity'
      ? sum(basket.lines.map((line, i) => (on[i] ? line.quantity : 0)))
      : sum(subtotals.filter((_, i) => on[i]));
  const reached = action.tiers.filter((tier) => {
    const threshold =
      action.by === 'quantity' ? tier.quantity : amountIn(tier.amounts ?? {}, basket.currency);
    return threshold !== undefined && measure >= threshold;
  });
  if (reached.length === 0) return { none: 'No tier is reached.' };
  const best = Math.max(...reached.map((tier) => tier.basisPoints));
  return reduce({ kind: 'percentage', basisPoints: best }, basket, left, on, false);
}

/** What `action` takes off, given what is left on each line and on shipping. */
export function discountOf(
  action: Action,
  basket: Basket,
  left: readonly number[],
  shippingLeft: number,
): Discount | NoDiscount {
  const none = basket.lines.map(() => 0);
  let lines: number[] | NoDiscount;
  switch (action.kind) {
    case 'shipping-off': {
      if (!basket.shipping) return { none: 'Nothing ships yet.' };
      if (action.methods?.length && !action.methods.includes(basket.shipping.method)) {
        return { none: `Shipping by ${basket.shipping.method} is not one of its methods.` };
      }
      const { reduction } = action;
      if (reduction.kind === 'percentage') {
        return { lines: none, shipping: percentOf(shippingLeft, reduction.basisPoints) };
      }
      const amount = amountIn(reduction.amounts, basket.currency);
      if (amount === undefined) return { none: `No amount is set in ${basket.currency}.` };
      return { lines: none, shipping: Math.min(amount, shippingLeft) };
    }
    case 'order-off':
      lines = reduce(
        action.reduction,
        basket,
        left,
        left.map(() => true),
        false,
      );
      break;
    case 'items-off': {
      const on = basket.lines.map((line) => matches(action.target, line));
      if (!on.some(Boolean)) return { none: 'No item in the basket is one it discounts.' };
      lines = reduce(action.reduction, basket, left, on, true);
      break;
    }
    case 'set-price':
      lines = setPrice(action, basket, left);
      break;
    case 'buy-x-get-y':
      lines = buyGet(action, basket, left);
      break;
    case 'tiered':
      lines = tiered(
        action,
        basket,
        left,
        basket.lines.map((line) => matches(action.target, line)),
      );
      break;
  }
  return 'none' in lines ? lines : { lines, shipping: 0 };
}
