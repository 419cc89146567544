// Tax rules per country and region: the rate for a product tax class, whether prices include tax, and the
// tax on an amount. Pure; no AWS.
//
// Rates are integer parts per million (19% = 190_000, New York City's 8.875% = 88_750), so that every rate
// in use is exact; basis points cannot express 8.875%. Each tax amount is rounded once, per line, with the
// rule in money.ts (nearest minor unit, half up), so a line's tax can be refunded with the line.
import { UnprocessableError } from '@commerce/lambda-kit/errors';
import { checkedAmount, divideRoundingHalfUp, isAmount } from '@commerce/lambda-kit/money';

/** 100% in parts per million. */
export const RATE_SCALE = 1_000_000;

/** Shipping is taxed at the destination's rate for this class (a simplification of "follows the goods"). */
export const SHIPPING_TAX_CLASS = 'standard';

/** 'standard' | 'reduced' | 'zero' or any class a country needs ('super-reduced', 'books', ...). */
export type TaxClass = string;

/**
 * How the prices of a price book are read at a destination: 'inclusive' prices are what the customer pays
 * and contain the tax (shelf prices in the EU and UK); 'exclusive' prices are net and tax is added on top.
 */
export type TaxMode = 'inclusive' | 'exclusive';

export interface Destination {
  /** ISO 3166-1 alpha-2, upper case. */
  readonly country: string;
  /** ISO 3166-2 subdivision code (e.g. 'US-NY'), written the same way in addresses and rules. */
  readonly region?: string;
}

export interface TaxRule extends Destination {
  readonly taxClass: TaxClass;
  readonly ratePpm: number;
}

export interface TaxModeRule extends Destination {
  readonly mode: TaxMode;
}

/**
 * A destination without a rule for the class (or without a mode) cannot be quoted: tax that silently
 * falls back to zero is a compliance defect, so a country sold to tax-free needs explicit zero rules.
 */
export interface TaxTable {
  readonly rules: readonly TaxRule[];
  readonly modes: readonly TaxModeRule[];
}

function describe(destination: Destination): string {
  return destination.region === undefined
    ? destination.country
    : `${destination.country}/${destination.region}`;
}

/** The entry for the destination's region if there is one, else the country-wide entry (no region). */
function mostSpecific<T extends Destination>(
  entries: readonly T[],
  destination: Destination,
  what: string,
): T {
  const inCountry = entries.filter((e) => e.country === destination.country);
  const inRegion =
    destination.region === undefined ? [] : inCountry.filter((e) => e.region === destination.region);
  const found = inRegion.length > 0 ? inRegion : inCountry.filter((e) => e.region === undefined);
  if (found.length === 0) {
    throw new UnprocessableError(
      `No ${what} is configured for ${describe(destination)}.`,
      'tax-not-configured',
    );
  }
  if (found.length > 1) {
    throw new UnprocessableError(
      `${found.length} ${what}s apply to ${describe(destination)}.`,
      'ambiguous-tax-rule',
    );
  }
  return found[0]!;
}

export function taxModeFor(table: TaxTable, destination: Destination): TaxMode {
  return mostSpecific(table.modes, destination, 'tax display mode').mode;
}

/** The rate in parts per million; a rule for the region beats the country-wide rule. */
export function taxRateFor(table: TaxTable, destination: Destination, taxClass: TaxClass): number {
  const rules = table.rules.filter((r) => r.taxClass === taxClass);
  const { ratePpm } = mostSpecific(rules, destination, `tax rule for class "${taxClass}"`);
  if (!isAmount(ratePpm)) {
    throw new UnprocessableError(
      `The tax rate ${ratePpm} is not a non-negative integer.`,
      'invalid-tax-rule',
    );
  }
  return ratePpm;
}

/**
 * The tax on `amount` minor units at `ratePpm`, rounded half up:
 * - exclusive (amount is net): round(amount × rate);
 * - inclusive (amount is gross and contains the tax): round(amount × rate / (1 + rate)), never above amount;
 *   the net is amount − tax, so net and tax always add up to what the customer pays.
 */
export function taxOn(amount: number, ratePpm: number, mode: TaxMode): number {
  if (!isAmount(amount) || !isAmount(ratePpm)) throw new RangeError('taxOn takes non-negative integers.');
  const numerator = BigInt(amount) * BigInt(ratePpm);
  const denominator = BigInt(mode === 'exclusive' ? RATE_SCALE : RATE_SCALE + ratePpm);
  return checkedAmount(divideRoundingHalfUp(numerator, denominator));
}
