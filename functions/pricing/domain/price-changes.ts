// What a staff change changed: the entries of a price.changed event. Pure; no AWS.
import { canonicalPrice, type CurrencyPrice, type PriceListEntry } from './records.ts';
import type { TaxMode, TaxTable } from './tax.ts';

export interface CurrencyPriceChange {
  readonly currency: string;
  readonly before: CurrencyPrice | null;
  readonly after: CurrencyPrice | null;
}

export interface PriceListEntryChange {
  readonly sku: string;
  readonly currency: string;
  readonly before: number | null;
  readonly after: number | null;
}

export interface TaxRuleChange {
  readonly country: string;
  readonly region?: string;
  readonly taxClass: string;
  readonly before: number | null;
  readonly after: number | null;
}

export interface TaxModeChange {
  readonly country: string;
  readonly region?: string;
  readonly before: TaxMode | null;
  readonly after: TaxMode | null;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Per currency, the SKU's prices that differ (added, changed or removed), by currency code. */
export function skuPriceChanges(
  before: Readonly<Record<string, CurrencyPrice>>,
  after: Readonly<Record<string, CurrencyPrice>>,
): CurrencyPriceChange[] {
  const currencies = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(byKey);
  return currencies.flatMap((currency) => {
    const was = before[currency] ? canonicalPrice(before[currency]) : null;
    const is = after[currency] ? canonicalPrice(after[currency]) : null;
    return same(was, is) ? [] : [{ currency, before: was, after: is }];
  });
}

/** The entries of a segment list that differ, by SKU and currency. */
export function priceListChanges(
  before: readonly PriceListEntry[],
  after: readonly PriceListEntry[],
): PriceListEntryChange[] {
  const index = (entries: readonly PriceListEntry[]) =>
    new Map(entries.map((e) => [`${e.sku}\u0000${e.currency}`, e]));
  const was = index(before);
  const is = index(after);
  return [...new Set([...was.keys(), ...is.keys()])].sort(byKey).flatMap((key): PriceListEntryChange[] => {
    const [sku = '', currency = ''] = key.split('\u0000');
    const from = was.get(key)?.amount ?? null;
    const to = is.get(key)?.amount ?? null;
    return from === to ? [] : [{ sku, currency, before: from, after: to }];
  });
}

function destinationKey(entry: { country: string; region?: string }): string {
  return `${entry.country}\u0000${entry.region ?? ''}`;
}

function destination(key: string): { country: string; region?: string } {
  const [country = '', region = ''] = key.split('\u0000');
  return region === '' ? { country } : { country, region };
}

/** The rates and display modes that differ between two tax tables. */
export function taxTableChanges(
  before: TaxTable,
  after: TaxTable,
): { rules: TaxRuleChange[]; modes: TaxModeChange[] } {
  const rates = (table: TaxTable) =>
    new Map(table.rules.map((r) => [`${destinationKey(r)}\u0000${r.taxClass}`, r.ratePpm]));
  const modes = (table: TaxTable) => new Map(table.modes.map((m) => [destinationKey(m), m.mode]));
  const [ratesBefore, ratesAfter] = [rates(before), rates(after)];
  const [modesBefore, modesAfter] = [modes(before), modes(after)];
  const ruleChanges = [...new Set([...ratesBefore.keys(), ...ratesAfter.keys()])]
    .sort(byKey)
    .flatMap((key): TaxRuleChange[] => {
      const from = ratesBefore.get(key) ?? null;
      const to = ratesAfter.get(key) ?? null;
      const [country = '', region = '', taxClass = ''] = key.split('\u0000');
      return from === to
        ? []
        : [{ ...destination(`${country}\u0000${region}`), taxClass, before: from, after: to }];
    });
  const modeChanges = [...new Set([...modesBefore.keys(), ...modesAfter.keys()])]
    .sort(byKey)
    .flatMap((key): TaxModeChange[] => {
      const from = modesBefore.get(key) ?? null;
      const to = modesAfter.get(key) ?? null;
      return from === to ? [] : [{ ...destination(key), before: from, after: to }];
    });
  return { rules: ruleChanges, modes: modeChanges };
}
