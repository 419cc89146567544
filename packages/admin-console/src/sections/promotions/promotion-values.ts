// A promotion as its editor holds it (every number and list as the text typed), its empty form, and valuesOf,
// which fills the form from the API's promotion (promotion-body.ts goes the other way). Percentages show in
// percent (1000 basis points → 10), amounts in major units of their currency (ui/money.ts), times in local
// time. docs/promotions.md has the model.
import type { components } from '@commerce/api-client';
import type { Path } from 'react-hook-form';
import { formatScaled, toLocalInput, toMajorText } from '../../ui/money.ts';
import type { PromotionStatus, Trigger } from './promotion-status.ts';

export type Promotion = components['schemas']['Promotion'];
export type PromotionBody = components['schemas']['CreatePromotionRequest'];
export type Condition = PromotionBody['conditions'][number];
export type Action = PromotionBody['action'];
export type Target = Extract<Action, { kind: 'items-off' }>['target'];
export type Reduction = Extract<Action, { kind: 'items-off' }>['reduction'];
export type Tier = Extract<Action, { kind: 'tiered' }>['tiers'][number];
export type ConditionKind = Condition['kind'];
export type ActionKind = Action['kind'];
export type CombinationMode = PromotionBody['combination']['mode'];
export type PromotionClass = Extract<PromotionBody['combination'], { mode: 'combinable' }>['with'][number];

// Records over the API's unions, so a kind the API adds cannot be missing from the selects.
export const CONDITION_LABELS: Record<ConditionKind, string> = {
  'subtotal-at-least': 'Subtotal at least',
  'quantity-at-least': 'Quantity at least',
  segment: 'Customer segment',
  'first-order': 'First order',
  currency: 'Currency',
  'shipping-country': 'Shipping country',
  'signed-in': 'Signed in',
};
export const ACTION_LABELS: Record<ActionKind, string> = {
  'items-off': 'Items off',
  'order-off': 'Order off',
  'set-price': 'Set price ("3 for 20.00")',
  'buy-x-get-y': 'Buy X get Y',
  'shipping-off': 'Shipping off',
  tiered: 'Tiered',
};
export const CLASS_LABELS: Record<PromotionClass, string> = {
  item: 'Items',
  order: 'Order',
  shipping: 'Shipping',
};
export const CLASSES = Object.keys(CLASS_LABELS) as PromotionClass[];
export const TARGET_KEYS = ['skus', 'productIds', 'categoryIds'] as const;

export interface MoneyRow {
  currency: string;
  /** Major units as typed: `12.50`. */
  amount: string;
}
export type TargetText = Record<(typeof TARGET_KEYS)[number], string>;

/** One condition row; only the fields of its kind are shown and sent. */
export interface ConditionValues {
  kind: ConditionKind;
  amounts: MoneyRow[];
  quantity: string;
  target: TargetText;
  /** The segments, currencies or countries, comma-separated. */
  values: string;
}

export interface TierValues {
  quantity: string;
  amounts: MoneyRow[];
  percent: string;
}

/** The action; only the fields of its kind are shown and sent. */
export interface ActionValues {
  kind: ActionKind;
  target: TargetText;
  reduction: Reduction['kind'];
  percent: string;
  amounts: MoneyRow[];
  size: string;
  buy: string;
  get: string;
  pick: Extract<Action, { kind: 'buy-x-get-y' }>['pick'];
  maxSets: string;
  methods: string;
  by: Extract<Action, { kind: 'tiered' }>['by'];
  tiers: TierValues[];
}

export interface PromotionForm {
  name: string;
  /** Shown to shoppers before the cart: makes an automatic items-off promotion a catalogue promotion. */
  badge: string;
  status: PromotionStatus;
  startsAt: string;
  endsAt: string;
  priority: string;
  trigger: Trigger;
  codes: string;
  combination: CombinationMode;
  combinesWith: PromotionClass[];
  conditions: ConditionValues[];
  action: ActionValues;
  redemptions: string;
  perCustomer: string;
  budgetCurrency: string;
  budgetAmount: string;
}

export type FormPath = Path<PromotionForm>;
/** A field of the form and what is wrong with it. */
export type Problem = readonly [FormPath, string];

// Fresh objects each time: rows appended to a field array must not share their nested values.
export const moneyRow = (currency = 'EUR'): MoneyRow => ({ currency, amount: '' });
const noTarget = (): TargetText => ({ skus: '', productIds: '', categoryIds: '' });
export const emptyTier = (): TierValues => ({ quantity: '', amounts: [moneyRow()], percent: '' });
export const emptyCondition = (): ConditionValues => ({
  kind: 'subtotal-at-least',
  amounts: [moneyRow()],
  quantity: '',
  target: noTarget(),
  values: '',
});
const emptyAction = (): ActionValues => ({
  kind: 'items-off',
  target: noTarget(),
  reduction: 'percentage',
  percent: '',
  amounts: [moneyRow()],
  size: '',
  buy: '',
  get: '',
  pick: 'cheapest',
  maxSets: '',
  methods: '',
  by: 'subtotal',
  tiers: [emptyTier()],
});

export const emptyPromotion = (): PromotionForm => ({
  name: '',
  badge: '',
  status: 'draft',
  startsAt: '',
  endsAt: '',
  priority: '0',
  trigger: 'automatic',
  codes: '',
  combination: 'combinable',
  combinesWith: [...CLASSES],
  conditions: [],
  action: emptyAction(),
  redemptions: '',
  perCustomer: '',
  budgetCurrency: 'EUR',
  budgetAmount: '',
});

const rowsOf = (amounts: Record<string, number> | undefined): MoneyRow[] => {
  const rows = Object.entries(amounts ?? {}).map(([currency, minor]) => ({
    currency,
    amount: toMajorText(minor, currency),
  }));
  return rows.length > 0 ? rows : [moneyRow()];
};
const listText = (items: readonly string[] | undefined) => (items ?? []).join(', ');
const optionalText = (n: number | undefined) => (n === undefined ? '' : String(n));
const targetText = (t: Target): TargetText => ({
  skus: listText(t.skus),
  productIds: listText(t.productIds),
  categoryIds: listText(t.categoryIds),
});

/** 1000 basis points → `10`, 1250 → `12.5`. */
function percentText(basisPoints: number): string {
  return formatScaled(basisPoints, 2).replace(/\.?0+$/, '');
}

function conditionValues(c: Condition): ConditionValues {
  const base = emptyCondition();
  switch (c.kind) {
    case 'subtotal-at-least':
      return { ...base, kind: c.kind, amounts: rowsOf(c.amounts) };
    case 'quantity-at-least':
      return { ...base, kind: c.kind, quantity: String(c.quantity), target: targetText(c.target) };
    case 'segment':
      return { ...base, kind: c.kind, values: listText(c.segments) };
    case 'currency':
      return { ...base, kind: c.kind, values: listText(c.currencies) };
    case 'shipping-country':
      return { ...base, kind: c.kind, values: listText(c.countries) };
    default:
      return { ...base, kind: c.kind };
  }
}

function actionValues(a: Action): ActionValues {
  const base = emptyAction();
  const reduction = (r: Reduction): Partial<ActionValues> =>
    r.kind === 'percentage'
      ? { reduction: r.kind, percent: percentText(r.basisPoints) }
      : { reduction: r.kind, amounts: rowsOf(r.amounts) };
  switch (a.kind) {
    case 'items-off':
      return { ...base, kind: a.kind, target: targetText(a.target), ...reduction(a.reduction) };
    case 'order-off':
      return { ...base, kind: a.kind, ...reduction(a.reduction) };
    case 'set-price':
      return {
        ...base,
        kind: a.kind,
        target: targetText(a.target),
        size: String(a.size),
        amounts: rowsOf(a.amounts),
        maxSets: optionalText(a.maxSets),
      };
    case 'buy-x-get-y':
      return {
        ...base,
        kind: a.kind,
        target: targetText(a.target),
        buy: String(a.buy),
        get: String(a.get),
        pick: a.pick,
        percent: percentText(a.basisPoints),
        maxSets: optionalText(a.maxSets),
      };
    case 'shipping-off':
      return { ...base, kind: a.kind, methods: listText(a.methods), ...reduction(a.reduction) };
    case 'tiered':
      return {
        ...base,
        kind: a.kind,
        by: a.by,
        target: targetText(a.target),
        tiers: a.tiers.map((t) => ({
          quantity: optionalText(t.quantity),
          amounts: rowsOf(t.amounts),
          percent: percentText(t.basisPoints),
        })),
      };
  }
}

/** The form filled from a promotion as the API answered it. */
export function valuesOf(p: Promotion): PromotionForm {
  return {
    name: p.name,
    badge: p.badge ?? '',
    status: p.status,
    startsAt: toLocalInput(p.startsAt),
    endsAt: toLocalInput(p.endsAt),
    priority: String(p.priority),
    trigger: p.trigger,
    codes: p.codes.join('\n'),
    combination: p.combination.mode,
    combinesWith: p.combination.mode === 'combinable' ? p.combination.with : [...CLASSES],
    conditions: p.conditions.map(conditionValues),
    action: actionValues(p.action),
    redemptions: optionalText(p.limits.redemptions),
    perCustomer: optionalText(p.limits.perCustomer),
    budgetCurrency: p.limits.budget?.currency ?? 'EUR',
    budgetAmount: p.limits.budget ? toMajorText(p.limits.budget.amount, p.limits.budget.currency) : '',
  };
}
