// Whether a basket meets a promotion's conditions, and if not, which one failed and why. Pure; no AWS.
import { lineSubtotals, matches, type Basket } from './basket.ts';
import type { Condition } from './promotion.ts';

export interface FailedCondition {
  readonly condition: Condition['kind'];
  /** Its position in the promotion's list. */
  readonly index: number;
  readonly detail: string;
}

const list = (values: readonly string[]) => values.join(', ');

function failure(condition: Condition, basket: Basket): string | undefined {
  switch (condition.kind) {
    case 'subtotal-at-least': {
      const needed = Object.hasOwn(condition.amounts, basket.currency)
        ? condition.amounts[basket.currency]!
        : undefined;
      if (needed === undefined) return `It sets no minimum in ${basket.currency}.`;
      const subtotal = lineSubtotals(basket).reduce((a, b) => a + b, 0);
      return subtotal >= needed ? undefined : `The subtotal ${subtotal} is below ${needed}.`;
    }
    case 'quantity-at-least': {
      const count = basket.lines
        .filter((line) => matches(condition.target, line))
        .reduce((n, line) => n + line.quantity, 0);
      return count >= condition.quantity
        ? undefined
        : `${count} matching items; it needs ${condition.quantity}.`;
    }
    case 'segment':
      return condition.segments.some((s) => basket.buyer.segments.includes(s))
        ? undefined
        : `Only for the segments ${list(condition.segments)}.`;
    case 'first-order':
      return basket.buyer.firstOrder ? undefined : 'Only for a first order.';
    case 'currency':
      return condition.currencies.includes(basket.currency)
        ? undefined
        : `Only in ${list(condition.currencies)}.`;
    case 'shipping-country':
      if (!basket.shippingCountry) return 'No shipping address yet.';
      return condition.countries.includes(basket.shippingCountry)
        ? undefined
        : `Only for shipping to ${list(condition.countries)}.`;
    case 'signed-in':
      return basket.buyer.signedIn ? undefined : 'Only for signed-in customers.';
  }
}

/** The first condition the basket does not meet, in the promotion's order; undefined when all hold. */
export function firstFailed(conditions: readonly Condition[], basket: Basket): FailedCondition | undefined {
  for (const [index, condition] of conditions.entries()) {
    const detail = failure(condition, basket);
    if (detail !== undefined) return { condition: condition.kind, index, detail };
  }
  return undefined;
}
