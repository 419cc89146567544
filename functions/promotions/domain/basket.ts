// What the engine evaluates: a priced basket and who is buying. Pure; no AWS.
import type { ItemTarget } from './promotion.ts';

export interface BasketLine {
  readonly sku: string;
  readonly productId: string;
  /** The product's categories with their ancestors. */
  readonly categoryIds: readonly string[];
  readonly quantity: number;
  /** The unit price the shopper pays before promotions (after sales and segment prices), minor units. */
  readonly unitPrice: number;
}

export interface Buyer {
  readonly signedIn: boolean;
  readonly customerId?: string;
  /** Normalized; for a guest, what per-customer limits count. */
  readonly email?: string;
  readonly segments: readonly string[];
  /** No order placed before this one. */
  readonly firstOrder: boolean;
}

export interface Basket {
  readonly currency: string;
  readonly lines: readonly BasketLine[];
  readonly shipping: { readonly method: string; readonly amount: number } | null;
  readonly shippingCountry?: string;
  readonly buyer: Buyer;
  /** Normalized codes the shopper entered. */
  readonly codes: readonly string[];
  readonly at: Date;
}

export function matches(target: ItemTarget, line: BasketLine): boolean {
  const { skus, productIds, categoryIds } = target;
  if (!skus?.length && !productIds?.length && !categoryIds?.length) return true;
  return Boolean(
    skus?.includes(line.sku) ||
    productIds?.includes(line.productId) ||
    categoryIds?.some((id) => line.categoryIds.includes(id)),
  );
}

/** unitPrice × quantity of every line. */
export const lineSubtotals = (basket: Basket): number[] =>
  basket.lines.map((line) => line.unitPrice * line.quantity);

/** One entry per unit of the matching lines, dearest first (then by line), for set and buy-get actions. */
export function unitsOf(basket: Basket, target: ItemTarget): { line: number; price: number }[] {
  return basket.lines
    .flatMap((line, index) =>
      matches(target, line)
        ? Array.from({ length: line.quantity }, () => ({ line: index, price: line.unitPrice }))
        : [],
    )
    .sort((a, b) => b.price - a.price || a.line - b.line);
}
