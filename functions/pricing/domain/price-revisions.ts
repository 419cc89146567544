// A staff change to a SKU's prices, a segment's price list or the tax table, decided against what is stored:
// refused (a stale version, an invalid table), unchanged (nothing to write or announce), or the new record
// with the price.changed event that announces what changed. Pure; no AWS.
import { domainEvent, PriceChanged, type DomainEvent } from '@commerce/events';
import { RuleViolationError, VersionConflictError } from '@commerce/lambda-kit/errors';
import { priceListChanges, skuPriceChanges, taxTableChanges } from './price-changes.ts';
import {
  canonicalPrice,
  type CurrencyPrice,
  type PriceList,
  type PriceListEntry,
  type SkuPrices,
  type VersionedTaxTable,
} from './records.ts';
import type { TaxTable } from './tax.ts';
import { assertValidTaxTable } from './tax-table.ts';

/** The record after a staff change, and what the change announces: nothing when it changed nothing. */
export interface Revision<T> {
  readonly after: T;
  readonly events: readonly DomainEvent[];
}

/** The version the request was read at must be the stored one (0 when there is none yet). */
function assertCurrent(readVersion: number, stored: { readonly version: number } | undefined): void {
  if (readVersion !== (stored?.version ?? 0)) throw new VersionConflictError();
}

/** Replaces a SKU's prices in every currency; a SKU without prices must be given at least one. */
export function reviseSkuPrices(
  current: SkuPrices | undefined,
  sku: string,
  request: { readonly version: number; readonly prices: Readonly<Record<string, CurrencyPrice | undefined>> },
  now: Date,
): Revision<SkuPrices> {
  assertCurrent(request.version, current);
  const prices: Record<string, CurrencyPrice> = {};
  for (const [currency, price] of Object.entries(request.prices)) {
    if (price) prices[currency] = canonicalPrice(price);
  }
  const changes = skuPriceChanges(current?.prices ?? {}, prices);
  if (!current && changes.length === 0) {
    throw new RuleViolationError([
      { in: 'body', pointer: '/prices', detail: 'Price at least one currency.' },
    ]);
  }
  if (current && changes.length === 0) return { after: current, events: [] };
  const after: SkuPrices = { sku, prices, version: request.version + 1, updatedAt: now.toISOString() };
  return {
    after,
    events: [domainEvent(PriceChanged, { scope: 'sku', sku, version: after.version, changes })],
  };
}

/** Replaces a segment's price list (priority and entries). */
export function revisePriceList(
  current: PriceList | undefined,
  segment: string,
  request: {
    readonly version: number;
    readonly priority: number;
    readonly entries: readonly PriceListEntry[];
  },
  now: Date,
): Revision<PriceList> {
  assertCurrent(request.version, current);
  const changes = priceListChanges(current?.entries ?? [], request.entries);
  if (current && changes.length === 0 && current.priority === request.priority) {
    return { after: current, events: [] };
  }
  const after: PriceList = {
    segment,
    priority: request.priority,
    entries: request.entries,
    version: request.version + 1,
    updatedAt: now.toISOString(),
  };
  const priority = { before: current?.priority ?? null, after: after.priority };
  return {
    after,
    events: [
      domainEvent(PriceChanged, { scope: 'segment', segment, version: after.version, priority, changes }),
    ],
  };
}

/** Replaces the tax table; an invalid one is refused before the version is looked at. */
export function reviseTaxTable(
  current: VersionedTaxTable,
  request: TaxTable & { readonly version: number },
  now: Date,
): Revision<VersionedTaxTable> {
  const { version, ...table } = request;
  assertValidTaxTable(table);
  assertCurrent(version, current);
  const changes = taxTableChanges(current, table);
  if (changes.rules.length === 0 && changes.modes.length === 0) return { after: current, events: [] };
  const after: VersionedTaxTable = { ...table, version: version + 1, updatedAt: now.toISOString() };
  return { after, events: [domainEvent(PriceChanged, { scope: 'tax', version: after.version, ...changes })] };
}
