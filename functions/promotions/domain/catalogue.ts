// Catalogue promotions: a sale shoppers see before the cart, as a badge and a lower price on the products it
// targets. Which promotions may be one, the offer pricing and search are told about (its categories expanded
// to their descendants, so they match a product's own categories without the tree), when one is live, and
// which of its edges (start, end) are still to come. Pure; no AWS. docs/promotions.md, "Catalogue promotions".
import type { Promotion, Reduction } from './promotion.ts';

export type Edge = 'start' | 'end';

export interface OfferTarget {
  readonly skus: readonly string[];
  readonly productIds: readonly string[];
  /** Each named category with all its descendants. */
  readonly categoryIds: readonly string[];
}

export interface CatalogueOffer {
  readonly promotionId: string;
  readonly badge: string;
  readonly priority: number;
  readonly reduction: Reduction;
  readonly target: OfferTarget;
  /** Only in these currencies (its `currency` conditions); absent: any it has an amount in. */
  readonly currencies?: readonly string[];
  readonly startsAt?: string;
  readonly endsAt?: string;
}

/** Category id → parent id (null: a root). */
export type CategoryParents = ReadonlyMap<string, string | null>;

/**
 * Why a promotion cannot carry a badge, or undefined when it can: it must apply by itself (automatic), take
 * off the items (`items-off`) and hold for any basket, so the price shown is the price paid: its only
 * conditions may be currencies.
 */
export function catalogueRefusal(promotion: {
  readonly trigger: string;
  readonly action: { readonly kind: string };
  readonly conditions: readonly { readonly kind: string }[];
}): string | undefined {
  if (promotion.trigger !== 'automatic') return 'A catalogue promotion applies by itself (automatic).';
  if (promotion.action.kind !== 'items-off') return 'A catalogue promotion takes items off (items-off).';
  const other = promotion.conditions.find((c) => c.kind !== 'currency');
  if (other) return `A catalogue promotion holds for any basket: no ${other.kind} condition.`;
  return undefined;
}

/** The categories with all their descendants (a category missing from the tree counts for itself). */
export function withDescendants(categoryIds: readonly string[], parents: CategoryParents): string[] {
  const children = new Map<string, string[]>();
  for (const [id, parent] of parents) {
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), id]);
  }
  const all = new Set<string>();
  const visit = (id: string) => {
    if (all.has(id)) return;
    all.add(id);
    for (const child of children.get(id) ?? []) visit(child);
  };
  categoryIds.forEach(visit);
  return [...all];
}

/** The currencies every `currency` condition admits (undefined: no such condition). */
function currenciesOf(promotion: Promotion): string[] | undefined {
  let admitted: string[] | undefined;
  for (const condition of promotion.conditions) {
    if (condition.kind !== 'currency') continue;
    admitted = (admitted ?? [...condition.currencies]).filter((c) => condition.currencies.includes(c));
  }
  return admitted;
}

/** The offer of a catalogue promotion (one with a badge that may carry it), else undefined. */
export function catalogueOffer(promotion: Promotion, parents: CategoryParents): CatalogueOffer | undefined {
  const { action, badge } = promotion;
  if (badge === undefined || action.kind !== 'items-off' || catalogueRefusal(promotion)) return undefined;
  const currencies = currenciesOf(promotion);
  return {
    promotionId: promotion.id,
    badge,
    priority: promotion.priority,
    reduction: action.reduction,
    target: {
      skus: [...(action.target.skus ?? [])],
      productIds: [...(action.target.productIds ?? [])],
      categoryIds: withDescendants(action.target.categoryIds ?? [], parents),
    },
    ...(currencies ? { currencies } : {}),
    ...(promotion.startsAt ? { startsAt: promotion.startsAt } : {}),
    ...(promotion.endsAt ? { endsAt: promotion.endsAt } : {}),
  };
}

/** A catalogue promotion staff set to run: it has a badge it may carry, and it is active. */
export const isScheduled = (promotion: Promotion): boolean =>
  promotion.badge !== undefined && promotion.status === 'active' && !catalogueRefusal(promotion);

/** A scheduled catalogue promotion whose window holds `now` (from startsAt, inclusive, to endsAt). */
export function isLive(promotion: Promotion, now: Date): boolean {
  const at = now.getTime();
  return (
    isScheduled(promotion) &&
    (promotion.startsAt === undefined || Date.parse(promotion.startsAt) <= at) &&
    (promotion.endsAt === undefined || at < Date.parse(promotion.endsAt))
  );
}

/** The edges of a scheduled catalogue promotion still to come after `now` (past ones need no schedule). */
export function edgesAfter(promotion: Promotion, now: Date): { edge: Edge; at: Date }[] {
  if (!isScheduled(promotion)) return [];
  const edges: { edge: Edge; at: Date }[] = [];
  for (const [edge, at] of [
    ['start', promotion.startsAt],
    ['end', promotion.endsAt],
  ] as const) {
    if (at !== undefined && Date.parse(at) > now.getTime()) edges.push({ edge, at: new Date(at) });
  }
  return edges;
}
