// The other way from promotion-values.ts: bodyOf makes the request body from the form or names the fields
// that cannot be sent, and promotionFieldResolver puts the API's field errors (`action.reduction.amounts.EUR`)
// on the field that shows them. Percentages are typed in percent (10 → 1000 basis points), amounts in major
// units of their currency (ui/money.ts), times in local time and sent in UTC.
import type { FieldResolver } from '../../ui/form-failure.tsx';
import { fromLocalInput, parseScaled, toMinorUnits } from '../../ui/money.ts';
import {
  CLASSES,
  TARGET_KEYS,
  type Action,
  type ActionValues,
  type Condition,
  type ConditionValues,
  type FormPath,
  type MoneyRow,
  type Problem,
  type PromotionBody,
  type PromotionForm,
  type Reduction,
  type Target,
  type TargetText,
  type Tier,
} from './promotion-values.ts';

// The API's own limits (events/src/promotion/model.ts), checked here too so a typo is named at its field.
const REFERENCE = /^[A-Za-z0-9._-]{1,64}$/;
const CODE = /^[A-Za-z0-9_-]{3,32}$/;
const itemsOf = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** The request body from the form, and every field that cannot be sent (the body is unusable then). */
export function bodyOf(v: PromotionForm): { body: PromotionBody; problems: Problem[] } {
  const problems: Problem[] = [];
  const fail = (path: FormPath, message: string) => void problems.push([path, message]);

  const whole = (text: string, path: FormPath, min: number, max: number): number => {
    const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
    if (!(n >= min && n <= max)) fail(path, `A whole number from ${min} to ${max}.`);
    return Number.isNaN(n) ? 0 : n;
  };
  const optionalWhole = (text: string, path: FormPath, min: number, max: number) =>
    text.trim() ? whole(text, path, min, max) : undefined;
  const percent = (text: string, path: FormPath): number => {
    const basisPoints = parseScaled(text, 2);
    if (basisPoints === undefined || basisPoints < 1 || basisPoints > 10_000) {
      fail(path, 'A percentage from 0.01 to 100, e.g. 10.');
      return 0;
    }
    return basisPoints;
  };
  const amounts = (rows: readonly MoneyRow[], at: string): Record<string, number> => {
    const out: Record<string, number> = {};
    rows.forEach((row, j) => {
      const minor = toMinorUnits(row.amount, row.currency);
      if (minor === undefined) fail(`${at}.${j}.amount` as FormPath, `An amount in ${row.currency}.`);
      else if (Object.hasOwn(out, row.currency))
        fail(`${at}.${j}.currency` as FormPath, 'This currency is listed twice.');
      else out[row.currency] = minor;
    });
    return out;
  };
  const list = (text: string, path: FormPath, rule: { pattern: RegExp; what: string; max: number }) => {
    const items = itemsOf(text);
    const bad = items.find((x) => !rule.pattern.test(x));
    if (bad !== undefined) fail(path, `“${bad}” is no ${rule.what}.`);
    else if (items.length > rule.max) fail(path, `At most ${rule.max}.`);
    return items;
  };
  const required = (items: string[], path: FormPath, what: string) => {
    if (items.length === 0) fail(path, `At least one ${what}.`);
    return items;
  };
  const target = (t: TargetText, at: string): Target => {
    const out: Target = {};
    for (const key of TARGET_KEYS) {
      const items = list(t[key], `${at}.${key}` as FormPath, { pattern: REFERENCE, what: 'id', max: 100 });
      if (items.length > 0) out[key] = items;
    }
    return out;
  };
  const time = (text: string, path: 'startsAt' | 'endsAt') => {
    if (!text) return undefined;
    const iso = fromLocalInput(text);
    if (iso === undefined) fail(path, 'A date and time.');
    return iso;
  };

  const condition = (c: ConditionValues, i: number): Condition => {
    const at = `conditions.${i}` as const;
    const values = (text: string, pattern: RegExp, what: string, max: number) =>
      required(list(text, `${at}.values`, { pattern, what, max }), `${at}.values`, what);
    switch (c.kind) {
      case 'subtotal-at-least':
        return { kind: c.kind, amounts: amounts(c.amounts, `${at}.amounts`) };
      case 'quantity-at-least':
        return {
          kind: c.kind,
          quantity: whole(c.quantity, `${at}.quantity`, 1, 10_000),
          target: target(c.target, `${at}.target`),
        };
      case 'segment':
        return { kind: c.kind, segments: values(c.values, REFERENCE, 'segment', 20) };
      case 'currency':
        return {
          kind: c.kind,
          currencies: values(c.values.toUpperCase(), /^[A-Z]{3}$/, 'currency code', 20),
        };
      case 'shipping-country':
        return { kind: c.kind, countries: values(c.values.toUpperCase(), /^[A-Z]{2}$/, 'country code', 250) };
      case 'first-order':
      case 'signed-in':
        return { kind: c.kind };
    }
  };

  const action = (a: ActionValues): Action => {
    const reduction = (): Reduction =>
      a.reduction === 'percentage'
        ? { kind: 'percentage', basisPoints: percent(a.percent, 'action.percent') }
        : { kind: 'fixed', amounts: amounts(a.amounts, 'action.amounts') };
    const maxSets = optionalWhole(a.maxSets, 'action.maxSets', 1, 1_000);
    const sets = maxSets === undefined ? {} : { maxSets };
    switch (a.kind) {
      case 'items-off':
        return { kind: a.kind, target: target(a.target, 'action.target'), reduction: reduction() };
      case 'order-off':
        return { kind: a.kind, reduction: reduction() };
      case 'set-price':
        return {
          kind: a.kind,
          target: target(a.target, 'action.target'),
          size: whole(a.size, 'action.size', 1, 100),
          amounts: amounts(a.amounts, 'action.amounts'),
          ...sets,
        };
      case 'buy-x-get-y':
        return {
          kind: a.kind,
          target: target(a.target, 'action.target'),
          buy: whole(a.buy, 'action.buy', 1, 100),
          get: whole(a.get, 'action.get', 1, 100),
          pick: a.pick,
          basisPoints: percent(a.percent, 'action.percent'),
          ...sets,
        };
      case 'shipping-off': {
        const methods = list(a.methods, 'action.methods', { pattern: REFERENCE, what: 'method id', max: 20 });
        return { kind: a.kind, ...(methods.length > 0 ? { methods } : {}), reduction: reduction() };
      }
      case 'tiered':
        return {
          kind: a.kind,
          by: a.by,
          target: target(a.target, 'action.target'),
          tiers: a.tiers.map((t, k): Tier => {
            const at = `action.tiers.${k}` as const;
            const threshold =
              a.by === 'quantity'
                ? { quantity: whole(t.quantity, `${at}.quantity`, 1, 10_000) }
                : { amounts: amounts(t.amounts, `${at}.amounts`) };
            return { ...threshold, basisPoints: percent(t.percent, `${at}.percent`) };
          }),
        };
    }
  };

  const limits: PromotionBody['limits'] = {};
  const redemptions = optionalWhole(v.redemptions, 'redemptions', 1, 100_000_000);
  if (redemptions !== undefined) limits.redemptions = redemptions;
  const perCustomer = optionalWhole(v.perCustomer, 'perCustomer', 1, 1_000);
  if (perCustomer !== undefined) limits.perCustomer = perCustomer;
  if (v.budgetAmount.trim()) {
    const amount = toMinorUnits(v.budgetAmount, v.budgetCurrency);
    if (!amount) fail('budgetAmount', `An amount in ${v.budgetCurrency} above 0.`);
    else limits.budget = { currency: v.budgetCurrency, amount };
  }

  const name = v.name.trim();
  if (!name) fail('name', 'Required.');
  const startsAt = time(v.startsAt, 'startsAt');
  const endsAt = time(v.endsAt, 'endsAt');
  if (startsAt && endsAt && endsAt <= startsAt) fail('endsAt', 'Must be after the start.');
  // Only an automatic promotion can be a catalogue promotion: a code promotion sends none.
  const badge = v.trigger === 'automatic' ? v.badge.trim() : '';
  if (badge.length > 40) fail('badge', 'At most 40 characters.');
  const body: PromotionBody = {
    name,
    ...(badge ? { badge } : {}),
    status: v.status,
    ...(startsAt ? { startsAt } : {}),
    ...(endsAt ? { endsAt } : {}),
    priority: whole(v.priority, 'priority', 0, 1_000),
    trigger: v.trigger,
    codes:
      v.trigger === 'code'
        ? list(v.codes, 'codes', { pattern: CODE, what: 'code (3-32 letters, digits, "-" or "_")', max: 20 })
        : [],
    combination:
      v.combination === 'combinable'
        ? { mode: 'combinable', with: CLASSES.filter((c) => v.combinesWith.includes(c)) }
        : { mode: v.combination },
    conditions: v.conditions.map(condition),
    action: action(v.action),
    limits,
  };
  return { body, problems };
}

/** `amounts.EUR` under `at` → the amount of the row in EUR (the first row when none is named). */
function amountField(at: string, rows: readonly MoneyRow[], currency: string | undefined): string {
  const j = rows.findIndex((r) => r.currency === currency);
  return `${at}.amounts.${Math.max(j, 0)}.amount`;
}

function conditionField(at: string, c: ConditionValues, rest: string): string {
  const amount = /^amounts(?:\.(.+))?$/.exec(rest);
  if (amount) return amountField(at, c.amounts, amount[1]);
  if (rest === 'quantity') return `${at}.quantity`;
  const target = /^target\.(skus|productIds|categoryIds)\b/.exec(rest);
  if (target) return `${at}.target.${target[1]}`;
  if (/^(segments|currencies|countries)\b/.test(rest)) return `${at}.values`;
  return `${at}.kind`;
}

function actionField(a: ActionValues, rest: string): string {
  const target = /^target\.(skus|productIds|categoryIds)\b/.exec(rest);
  if (target) return `action.target.${target[1]}`;
  const tier = /^tiers\.(\d+)\.(quantity|basisPoints|amounts)(?:\.(.+))?$/.exec(rest);
  const row = tier ? a.tiers[Number(tier[1])] : undefined;
  if (tier && row) {
    const at = `action.tiers.${tier[1]}`;
    if (tier[2] === 'amounts') return amountField(at, row.amounts, tier[3]);
    return `${at}.${tier[2] === 'quantity' ? 'quantity' : 'percent'}`;
  }
  if (/^(reduction\.)?basisPoints$/.test(rest)) return 'action.percent';
  const amount = /^(?:reduction\.)?amounts(?:\.(.+))?$/.exec(rest);
  if (amount) return amountField('action', a.amounts, amount[1]);
  if (rest.startsWith('reduction')) return 'action.reduction';
  const simple = /^(size|buy|get|pick|maxSets|methods|by)\b/.exec(rest);
  if (simple) return `action.${simple[1]}`;
  return rest.startsWith('tiers') ? 'action.by' : 'action.kind';
}

/** API field → this form's field; `current` reads the values sent (rows are found by their currency). */
export function promotionFieldResolver(current: () => PromotionForm): FieldResolver {
  return (name) => {
    const v = current();
    if (/^(name|status|startsAt|endsAt|priority|trigger)$/.test(name)) return name;
    if (/^codes(\.\d+)?$/.test(name)) return v.trigger === 'code' ? 'codes' : 'trigger';
    if (/^combination\b/.test(name)) return 'combination';
    const limit = /^limits\.(redemptions|perCustomer|budget)(?:\.(currency|amount))?$/.exec(name);
    if (limit) {
      if (limit[1] !== 'budget') return limit[1];
      return limit[2] === 'currency' ? 'budgetCurrency' : 'budgetAmount';
    }
    const condition = /^conditions\.(\d+)(?:\.(.+))?$/.exec(name);
    const row = condition ? v.conditions[Number(condition[1])] : undefined;
    if (condition && row) return conditionField(`conditions.${condition[1]}`, row, condition[2] ?? '');
    const action = /^action(?:\.(.+))?$/.exec(name);
    if (action) return actionField(v.action, action[1] ?? '');
    return undefined;
  };
}
